/** Every run of a scenario, and the one whose headline figure is the median. */
export interface Repeated<T> {
  median: T;
  /** The headline figure of each run, in run order. */
  runs: number[];
}

/**
 * Runs a scenario `times` times in a row and keeps the run whose headline is the median, so one
 * disturbed run on a shared machine moves nothing, and the figures reported together come from one run.
 */
export async function repeat<T>(
  times: number,
  scenario: () => Promise<T>,
  headline: (result: T) => number,
): Promise<Repeated<T>> {
  const results: T[] = [];
  for (let i = 0; i < times; i++) results.push(await scenario());
  const runs = results.map(headline);
  const order = results.map((_, i) => i).sort((x, y) => (runs[x] as number) - (runs[y] as number));
  return { median: results[order[Math.floor(order.length / 2)] as number] as T, runs };
}
