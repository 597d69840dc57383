import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CpuProfile } from './inspector';

/** Where a sample's time went, by area (a package, Node's own code, Parley's, the engine) and by function. */
export interface ProfileSummary {
  sampledMs: number;
  byArea: { area: string; selfMs: number; share: number }[];
  topFunctions: { name: string; where: string; selfMs: number; share: number }[];
}

/** The area a call frame's script belongs to: the npm package, node:internal, Parley, or the engine. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return 'node (internal)';
  return 'parley';
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The source module a line of a built file belongs to (its path from the repository root), if known. */
export type ModuleOf = (url: string, lineNumber: number) => string | null;

const MODULE_HEADER = /^\/\/ ((?:node_modules|server|contracts)\/\S+)$/;

/**
 * The module each line of an esbuild bundle comes from: esbuild writes `// <path>` before each module's
 * code. The server is one bundle with its npm packages (scripts/build.mjs), so without this every
 * package it bundles would count as Parley's own code.
 */
export function bundleModules(source: string): (lineNumber: number) => string | null {
  const starts: { line: number; path: string }[] = [];
  source.split('\n').forEach((text, line) => {
    const header = MODULE_HEADER.exec(text);
    if (header) starts.push({ line, path: header[1] as string });
  });
  return (lineNumber) => {
    let low = 0;
    let high = starts.length - 1;
    let found: string | null = null;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = starts[mid] as { line: number; path: string };
      if (start.line <= lineNumber) {
        found = start.path;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };
}

/** Reads the built server's files (dist/server) the profile's frames point into, once each. */
export function builtServerModules(): ModuleOf {
  const files = new Map<string, (lineNumber: number) => string | null>();
  return (url, lineNumber) => {
    if (!/\/dist\/server\/.*\.js$/.test(url)) return null;
    let modules = files.get(url);
    if (!modules) {
      try {
        modules = bundleModules(readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8'));
      } catch {
        modules = () => null;
      }
      files.set(url, modules);
    }
    return modules(lineNumber);
  };
}

/**
 * Self time per function and per area from a V8 CPU profile: each sample's time delta is charged to
 * the node it landed in (the function on top of the stack).
 */
export function summarizeProfile(
  profile: CpuProfile,
  top = 30,
  moduleOf: ModuleOf = builtServerModules(),
): ProfileSummary {
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((node, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(node, (self.get(node) ?? 0) + ms);
    total += ms;
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; selfMs: number }>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const bundled = moduleOf(url, lineNumber);
    const area = areaOf(bundled ?? url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
    const at = `${file}:${lineNumber + 1}`;
    const where = url === '' ? area : bundled ? `${bundled.replace(/^node_modules\//, '')} (${at})` : at;
    const key = `${functionName}@${where}`;
    const entry = functions.get(key) ?? { name: functionName || '(anonymous)', where, selfMs: 0 };
    entry.selfMs += ms;
    functions.set(key, entry);
  }
  const share = (ms: number) => (total === 0 ? 0 : round((ms / total) * 100));
  return {
    sampledMs: Math.round(total),
    byArea: [...areas]
      .map(([area, ms]) => ({ area, selfMs: Math.round(ms), share: share(ms) }))
      .sort((a, b) => b.selfMs - a.selfMs),
    topFunctions: [...functions.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((f) => ({ ...f, selfMs: Math.round(f.selfMs), share: share(f.selfMs) })),
  };
}

/** The summary as the text file beside the profile. */
export function profileText(title: string, summary: ProfileSummary): string {
  const lines = [
    title,
    `${summary.sampledMs} ms sampled (idle included)`,
    '',
    'Self time by area:',
    ...summary.byArea.map(
      (a) => `  ${String(a.share).padStart(5)} %  ${String(a.selfMs).padStart(6)} ms  ${a.area}`,
    ),
    '',
    'Functions with the most self time:',
    ...summary.topFunctions.map(
      (f) =>
        `  ${String(f.share).padStart(5)} %  ${String(f.selfMs).padStart(6)} ms  ${f.name}  (${f.where})`,
    ),
    '',
  ];
  return lines.join('\n');
}
