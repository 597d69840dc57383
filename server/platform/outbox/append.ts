import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/client';
import { preparedOnce } from '../db/prepared-once';
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
  await (entry.notBefore ? appendScheduled : appendNow)(tx).execute({
    firmId: entry.firmId,
    id,
    topic: entry.topic,
    payload: entry.payload ?? null,
    idempotencyKey: entry.idempotencyKey ?? id,
    nextAttemptAt: entry.notBefore,
  });
  appendedIn.add(tx);
  return { id };
}

// Every text appends one: built once per shape (issue 11).
function buildAppend(ex: Executor, scheduled: boolean) {
  const value = (name: string) => sql.placeholder(name);
  return ex
    .insert(outbox)
    .values({
      firmId: value('firmId'),
      id: value('id'),
      topic: value('topic'),
      payload: value('payload'),
      idempotencyKey: value('idempotencyKey'),
      ...(scheduled ? { nextAttemptAt: value('nextAttemptAt') } : {}),
    })
    .prepare(scheduled ? 'parley_outbox_append_scheduled' : 'parley_outbox_append');
}
const appendNow = preparedOnce((ex) => buildAppend(ex, false));
const appendScheduled = preparedOnce((ex) => buildAppend(ex, true));

/** True when appendOutbox wrote a row through this transaction. */
export function appendedOutbox(tx: Executor): boolean {
  return appendedIn.has(tx);
}
