import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The import direction of the server, checked on every unit run: features → core (conversations)
// → platform. platform/ and channels/ import no feature, the conversation core imports no other
// feature (it calls them through the listeners bootstrap.ts registers), and no two feature folders
// import each other, directly or round a longer loop. Type-only imports count: they couple too.

const ROOT = path.resolve(import.meta.dirname, '..');
const SCANNED = ['server', 'contracts'];
const CORE = 'conversations';

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'migrations' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The repository file a relative specifier names, or null for a package or a file outside the scan. */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Every import edge between scanned files, read by the TypeScript scanner (comments and strings are not imports). */
function importEdges(): { from: string; to: string }[] {
  const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
  return files.flatMap((file) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    return importedFiles.flatMap(({ fileName }) => {
      const to = resolve(file, fileName);
      return to ? [{ from: path.relative(ROOT, file), to: path.relative(ROOT, to) }] : [];
    });
  });
}

/** The feature folder a file belongs to (server/features/<name>/…), or null. */
function featureOf(file: string): string | null {
  const match = /^server\/features\/([^/]+)\//.exec(file.split(path.sep).join('/'));
  return match?.[1] ?? null;
}

function layerOf(file: string): string {
  return file.split(path.sep).slice(0, 2).join('/');
}

/** The loops of a directed graph: its strongly connected components of more than one node (Tarjan). */
function loopsOf(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === node) break;
    }
    if (component.length > 1) loops.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return loops;
}

const edges = importEdges();
const describeEdge = (e: { from: string; to: string }) => `${e.from} → ${e.to}`;

describe('the import graph of the server', () => {
  it('is read at all: the scan finds features importing the core', () => {
    expect(edges.some((e) => featureOf(e.from) === 'secure-chat' && featureOf(e.to) === CORE)).toBe(true);
  });

  it('has no import from platform/ or channels/ into a feature', () => {
    const upward = edges.filter(
      (e) => ['server/platform', 'server/channels'].includes(layerOf(e.from)) && featureOf(e.to) !== null,
    );
    expect(upward.map(describeEdge)).toEqual([]);
  });

  it('has no import from the conversation core into another feature', () => {
    const outOfCore = edges.filter((e) => {
      const target = featureOf(e.to);
      return featureOf(e.from) === CORE && target !== null && target !== CORE;
    });
    expect(outOfCore.map(describeEdge)).toEqual([]);
  });

  it('reaches a feature with a public surface (an index.ts) only through it from outside', () => {
    const withSurface = (file: string) => {
      const feature = featureOf(file);
      return feature !== null && existsSync(path.join(ROOT, 'server', 'features', feature, 'index.ts'));
    };
    const behindSurface = edges.filter(
      (e) =>
        withSurface(e.to) &&
        featureOf(e.from) !== featureOf(e.to) &&
        path.basename(e.to) !== 'index.ts' &&
        !e.from.endsWith('.test.ts'),
    );
    expect(behindSurface.map(describeEdge)).toEqual([]);
  });

  it('has no loop between feature folders', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      const [from, to] = [featureOf(e.from), featureOf(e.to)];
      if (from === null || to === null || from === to) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
    const loops = loopsOf(graph).map((loop) => {
      const inLoop = new Set(loop);
      const witnesses = edges.filter((e) => {
        const [from, to] = [featureOf(e.from), featureOf(e.to)];
        return from !== to && from !== null && to !== null && inLoop.has(from) && inLoop.has(to);
      });
      return { folders: loop, imports: witnesses.map(describeEdge) };
    });
    expect(loops).toEqual([]);
  });
});

describe('loopsOf', () => {
  const graph = (pairs: [string, string][]) => {
    const g = new Map<string, Set<string>>();
    for (const [a, b] of pairs) g.set(a, (g.get(a) ?? new Set()).add(b));
    return g;
  };

  it('finds a two-way import and a longer loop, and nothing in a one-way graph', () => {
    expect(
      loopsOf(
        graph([
          ['a', 'b'],
          ['b', 'a'],
          ['b', 'c'],
        ]),
      ),
    ).toEqual([['a', 'b']]);
    expect(
      loopsOf(
        graph([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(
      loopsOf(
        graph([
          ['a', 'b'],
          ['b', 'c'],
          ['a', 'c'],
        ]),
      ),
    ).toEqual([]);
  });
});
