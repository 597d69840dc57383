import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/client';
import { outbox } from '../db/schema';

/** A side effect to perform once the caller's transaction commits. */
export interface OutboxEntry {
  firmId: string;
  /** Which channel sends it, e.g. 'sms.send'; a sender must be registered for it. */
  topic: string;
  /** What the sender needs; stored as JSON (encrypt message content before putting it here). */
  payload: unknown;
  /** Handed to the channel on every attempt so a resend is recognised; defaults to the row id. */
  idempotencyKey?: string;
  /** Not sent before this time (a scheduled job, e.g. an alert threshold); as soon as possible when absent. */
  notBefore?: Date;
}

// Transactions that appended a row, so inTransaction can wake the relay right after the commit.
// Weakly held: a finished transaction is collected with its entry.
const appendedIn = new WeakSet<object>();

/** Writes a job into the outbox inside the caller's transaction: it is sent only if that commits. */
export async function appendOutbox(tx: Executor, entry: OutboxEntry): Promise<{ id: string }> {
  const id = uuidv7();
  await tx.insert(outbox).values({
    firmId: entry.firmId,
    id,
    topic: entry.topic,
    payload: entry.payload ?? null,
    idempotencyKey: entry.idempotencyKey ?? id,
    ...(entry.notBefore ? { nextAttemptAt: entry.notBefore } : {}),
  });
  appendedIn.add(tx);
  return { id };
}

/** True when appendOutbox wrote a row through this transaction. */
export function appendedOutbox(tx: Executor): boolean {
  return appendedIn.has(tx);
}
