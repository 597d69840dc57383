import { describe, expect, it } from 'vitest';
import { repeat } from './repeat';

describe('repeat', () => {
  it('keeps the whole run whose headline is the median and lists every headline in run order', async () => {
    const figures = [30, 10, 20];
    let call = 0;
    const result = await repeat(
      3,
      async () => ({ rate: figures[call++] as number, run: call }),
      (r) => r.rate,
    );
    expect(result.median).toEqual({ rate: 20, run: 3 });
    expect(result.runs).toEqual([30, 10, 20]);
  });

  it('with one run, that run is the median', async () => {
    const result = await repeat(
      1,
      async () => 7,
      (n) => n,
    );
    expect(result).toEqual({ median: 7, runs: [7] });
  });
});
