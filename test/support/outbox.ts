import type { Database } from '../../server/platform/db/client';
import { waitFor } from './wait';

/**
 * The outbox row(s) a query selects, once none is pending any more: the relay records a job's outcome
 * just after its channel answered, so a test that saw the effect must wait for the bookkeeping.
 */
export async function settledJobs<T extends { status: string }>(
  database: Database,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  return waitFor(async () => {
    const rows = await database.query<T>(query, params);
    return rows.length > 0 && rows.every((r) => r.status !== 'pending') && rows;
  }, `outbox jobs no longer pending: ${query}`);
}
