import { describe, expect, it } from 'vitest';
import { areaOf, bundleModules, summarizeProfile } from './profile-summary';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe('summarizeProfile', () => {
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', '') },
      { id: 2, callFrame: frame('(idle)', '') },
      { id: 3, callFrame: frame('build', 'file:///x/node_modules/drizzle-orm/sql/sql.js', 9) },
      { id: 4, callFrame: frame('storeMessage', 'file:///x/dist/server/main.js', 99) },
      { id: 5, callFrame: frame('encode', 'file:///x/node_modules/@fastify/cookie/index.js') },
    ],
    samples: [2, 3, 3, 4, 5, 3],
    timeDeltas: [1000, 2000, 2000, 1000, 1000, 3000],
    startTime: 0,
    endTime: 10_000,
  };

  it('charges each sample to the function on top of the stack, by function and by area', () => {
    const summary = summarizeProfile(profile);
    expect(summary.sampledMs).toBe(10);
    expect(summary.byArea).toEqual([
      { area: 'drizzle-orm', selfMs: 7, share: 70 },
      { area: '(idle)', selfMs: 1, share: 10 },
      { area: 'parley', selfMs: 1, share: 10 },
      { area: '@fastify/cookie', selfMs: 1, share: 10 },
    ]);
    expect(summary.topFunctions[0]).toEqual({
      name: 'build',
      where: 'drizzle-orm/sql/sql.js:10',
      selfMs: 7,
      share: 70,
    });
    expect(summary.topFunctions.find((f) => f.name === 'storeMessage')?.where).toBe(
      'dist/server/main.js:100',
    );
  });

  it('names scoped packages, Node internals and the engine', () => {
    expect(areaOf('file:///a/node_modules/@node-rs/argon2/index.js', 'hash')).toBe('@node-rs/argon2');
    expect(areaOf('node:internal/streams/writable', 'write')).toBe('node (internal)');
    expect(areaOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(areaOf('', 'encrypt')).toBe('native');
  });

  it('charges code bundled into the built server to the module it came from', () => {
    const moduleOf = (url: string, line: number) =>
      url.endsWith('dist/server/main.js')
        ? line < 50
          ? 'node_modules/drizzle-orm/entity.js'
          : 'server/features/x.ts'
        : null;
    const bundled = {
      ...profile,
      nodes: [
        ...profile.nodes.slice(0, 3),
        { id: 4, callFrame: frame('is', 'file:///x/dist/server/main.js', 9) },
        { id: 5, callFrame: frame('storeMessage', 'file:///x/dist/server/main.js', 99) },
      ],
    };
    const summary = summarizeProfile(bundled, 30, moduleOf);
    expect(summary.byArea.map((a) => [a.area, a.selfMs])).toEqual([
      ['drizzle-orm', 8],
      ['(idle)', 1],
      ['parley', 1],
    ]);
    expect(summary.topFunctions.find((f) => f.name === 'is')?.where).toBe(
      'drizzle-orm/entity.js (dist/server/main.js:10)',
    );
  });
});

describe('bundleModules', () => {
  it("finds each line's module from the comment esbuild writes before it", () => {
    const modules = bundleModules(
      [
        'import x from "y";',
        '// node_modules/drizzle-orm/entity.js',
        'function is() {}',
        '// @__NO_SIDE_EFFECTS__',
        '// server/features/conversations/store-message.ts',
        'async function storeMessage() {}',
      ].join('\n'),
    );
    expect(modules(0)).toBeNull();
    expect(modules(2)).toBe('node_modules/drizzle-orm/entity.js');
    expect(modules(3)).toBe('node_modules/drizzle-orm/entity.js');
    expect(modules(5)).toBe('server/features/conversations/store-message.ts');
  });
});
