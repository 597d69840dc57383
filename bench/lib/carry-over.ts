import type { BenchResults } from './summary';

/** The scenario figures of a run, by their key in BenchResults. */
export const SCENARIO_KEYS = [
  'coldStart',
  'idleSockets',
  'storeAndAck',
  'storeAndAckProfile',
  'oneToOne',
  'fanout',
  'scaleOut',
  'dashboard',
] as const satisfies readonly (keyof BenchResults)[];

/**
 * A run of some scenarios (npm run bench -- dashboard) completed with the previous run's figures for
 * the others, each marked with the run it was measured in, so SUMMARY.md stays whole and says which
 * figures are older. A scenario measured now replaces the previous figure.
 */
export function withCarriedOver(now: BenchResults, previous: BenchResults | undefined): BenchResults {
  if (!previous || previous.engine !== now.engine) return now;
  const carriedOver: NonNullable<BenchResults['carriedOver']> = { ...now.carriedOver };
  const kept: Partial<BenchResults> = {};
  for (const key of SCENARIO_KEYS) {
    if (now[key] !== undefined || previous[key] === undefined) continue;
    Object.assign(kept, { [key]: previous[key] });
    carriedOver[key] = previous.carriedOver?.[key] ?? { at: previous.at, commit: previous.commit };
  }
  return {
    ...now,
    ...kept,
    runs: { ...previous.runs, ...now.runs },
    ...(Object.keys(carriedOver).length > 0 ? { carriedOver } : {}),
  };
}
