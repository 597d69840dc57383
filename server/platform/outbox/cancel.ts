import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { outbox } from '../db/schema';

/**
 * Drops the firm's jobs not yet sent whose idempotency key is among `keys` (a list, or a subquery
 * selecting one text column), inside the caller's transaction: what they would send is going away.
 * A job already being sent finishes.
 */
export async function cancelPendingJobs(ex: Executor, firmId: string, keys: SQL | string[]): Promise<void> {
  await ex
    .delete(outbox)
    .where(
      and(eq(outbox.firmId, firmId), eq(outbox.status, 'pending'), inArray(outbox.idempotencyKey, keys)),
    );
}
