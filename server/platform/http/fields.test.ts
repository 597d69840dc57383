import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstDuplicate, normaliseEmail } from './fields';

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Jane.Roe@Example.COM ')).toBe('jane.roe@example.com');
  });
});

describe('firstDuplicate', () => {
  it('finds the index of the first repeat', () => {
    expect(firstDuplicate(['a', 'b', 'a', 'b'])).toBe(2);
    expect(firstDuplicate([{ n: 1 }, { n: 2 }, { n: 2 }], (v) => String(v.n))).toBe(2);
  });

  it('answers -1 when all differ, also for an empty list', () => {
    expect(firstDuplicate(['a', 'b', 'c'])).toBe(-1);
    expect(firstDuplicate([])).toBe(-1);
  });

  it('agrees with a set-size check', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 })), (xs) => {
        expect(firstDuplicate(xs) === -1).toBe(new Set(xs).size === xs.length);
      }),
    );
  });
});
