import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles with each failed attempt until the cap', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 7, 8, 20].map((a) => retryDelayMs(a, policy, top))).toEqual([
      1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('stays between half and all of the exponential delay, whatever the jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const full = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
          const delay = retryDelayMs(attempt, policy, () => r);
          return delay >= Math.floor(full / 2) && delay <= full;
        },
      ),
    );
  });
});
