/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** p50 and p99 (nearest rank) of pgbench's per-transaction logs (`-l`), whose third column is the latency in µs. */
export function pgbenchLatencies(logs: string[]): { p50Ms: number; p99Ms: number } | null {
  const latencies = logs
    .flatMap((log) => log.split('\n'))
    .map((line) => Number(line.split(' ')[2]))
    .filter((us) => Number.isFinite(us));
  if (latencies.length === 0) return null;
  return { p50Ms: round(percentile(latencies, 50) / 1000), p99Ms: round(percentile(latencies, 99) / 1000) };
}
