import type { Database } from '../../server/platform/db/client';

/**
 * The outbox row(s) a query selects, once none is pending any more: the relay records a job's outcome
 * just after its channel answered, so a test that saw the effect must wait for the bookkeeping.
 */
export async function settledJobs<T extends { status: string }>(
  database: Database,
  query: string,
  params: unknown[] = [],
  ms = 10_000,
): Promise<T[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const rows = await database.query<T>(query, params);
    if (rows.length > 0 && rows.every((r) => r.status !== 'pending')) return rows;
    if (Date.now() > deadline) throw new Error(`outbox jobs still pending: ${query}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
