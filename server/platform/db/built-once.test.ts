import { describe, expect, it } from 'vitest';
import { builtOnceCache } from './client';

describe('builtOnceCache', () => {
  it('builds a key once and answers the same statement after, each key under a name of its own', () => {
    const builtOnce = builtOnceCache();
    const names: string[] = [];
    const build = (name: string) => {
      names.push(name);
      return { name };
    };
    const a = builtOnce('a', build);
    expect(builtOnce('a', build)).toBe(a);
    const b = builtOnce('b', build);
    expect(b).not.toBe(a);
    expect(names).toEqual(['parley_built_1', 'parley_built_2']);
  });

  it('past its limit builds at every call, unnamed, keeping what it kept', () => {
    const builtOnce = builtOnceCache(1);
    const kept = builtOnce('a', (name) => ({ name }));
    const first = builtOnce('b', (name) => ({ name }));
    const second = builtOnce('b', (name) => ({ name }));
    expect(first).toEqual({ name: '' });
    expect(second).not.toBe(first);
    expect(builtOnce('a', () => ({ name: 'not again' }))).toBe(kept);
  });
});
