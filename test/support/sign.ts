import { expect } from 'vitest';

/**
 * The sign of a comparator's result as -1, 0 or 1. `Math.sign` keeps -0 (and negating a 0 result gives -0),
 * while `toBe` uses `Object.is`, which tells -0 from 0: a property test comparing signs with it fails on
 * equal elements.
 */
export function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Expects two comparator results to have the same sign, -0 and 0 being equal. */
export function expectSameSign(actual: number, expected: number, message?: string): void {
  expect(sign(actual), message).toBe(sign(expected));
}
