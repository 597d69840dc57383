import { describe, expect, it } from 'vitest';
import { withCarriedOver } from './carry-over';
import { type BenchResults, summaryMarkdown } from './summary';

const run = (at: string, commit: string, figures: Partial<BenchResults>): BenchResults => ({
  at,
  commit,
  runsPerScenario: 3,
  machine: { cpus: 2, memGiB: 24 },
  engine: 'postgres',
  ...figures,
});
const coldStart = (ms: number) => ({ newDataFolderMs: ms, existingDataFolderMs: ms / 4 });

describe('a run of some scenarios keeps the others from the last run', () => {
  const earlier = run('2026-12-02T13:49:21.049Z', 'dc2ef13ad2ffff', {
    coldStart: coldStart(7000),
    fanout: {
      sockets: 1000,
      parleyDeliveriesPerSec: 60_000,
      bareWsDeliveriesPerSec: 58_000,
      ratio: 1.03,
      latencyMs: { p99: 90 },
    },
    runs: { 'cold-start': [7000, 7100, 6900], fanout: [1, 1, 1] },
  });

  it('replaces what it measured, keeps the rest and says from which run', () => {
    const now = run('2026-12-02T17:20:00.000Z', 'b2be2cc000', {
      coldStart: coldStart(4000),
      runs: { 'cold-start': [4000, 4100, 3900] },
    });
    const whole = withCarriedOver(now, earlier);
    expect(whole.coldStart).toEqual(coldStart(4000));
    expect(whole.fanout).toEqual(earlier.fanout);
    expect(whole.carriedOver).toEqual({ fanout: { at: earlier.at, commit: earlier.commit } });
    expect(whole.runs).toEqual({ 'cold-start': [4000, 4100, 3900], fanout: [1, 1, 1] });
    expect(summaryMarkdown(whole)).toContain(
      'Not measured in this run, kept from the run that measured them: S3 (2026-12-02 13:49 UTC at `dc2ef13ad2`).',
    );
  });

  it('keeps the date of the run that measured a figure through later partial runs', () => {
    const second = withCarriedOver(run('2026-12-02T17:20:00.000Z', 'b2be2cc000', {}), earlier);
    const third = withCarriedOver(
      run('2026-12-02T18:00:00.000Z', 'ffffffffff', { coldStart: coldStart(3000) }),
      second,
    );
    expect(third.carriedOver).toEqual({ fanout: { at: earlier.at, commit: earlier.commit } });
  });

  it('keeps nothing across engines, and a whole run says nothing of earlier ones', () => {
    expect(withCarriedOver(run('x', 'y', {}), { ...earlier, engine: 'pglite' }).fanout).toBeUndefined();
    const whole = run('2026-12-02T17:20:00.000Z', 'b2be2cc000', { coldStart: coldStart(4000) });
    expect(summaryMarkdown(whole)).not.toContain('Not measured in this run');
  });
});
