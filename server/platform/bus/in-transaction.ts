import type { Deps } from '../../deps';
import type { Tx } from '../db/client';
import { appendedOutbox } from '../outbox/append';
import type { PublishedEvent } from './events';

/**
 * Publishes events that need no transaction (e.g. typing): delivered at once to this process's
 * sockets, sent to the other processes in the background. Never waits or throws: whatever caused
 * the event already happened, and clients catch up from the API when the bus tells them to resync.
 */
export function publishEvents(deps: Pick<Deps, 'bus'>, events: PublishedEvent[]): void {
  for (const event of events) deps.bus.publish(event);
}

/**
 * Runs work in one database transaction and, only once it has committed, publishes the events
 * work pushed and wakes the outbox relay if work appended to the outbox. A rollback (work
 * throws) publishes nothing: no client ever hears of a change that did not happen.
 */
export async function inTransaction<T>(
  deps: Pick<Deps, 'db' | 'bus' | 'outbox'>,
  work: (tx: Tx, events: PublishedEvent[]) => Promise<T>,
): Promise<T> {
  const events: PublishedEvent[] = [];
  let wroteOutbox = false;
  const result = await deps.db.transaction(async (tx) => {
    const value = await work(tx, events);
    wroteOutbox = appendedOutbox(tx);
    return value;
  });
  if (wroteOutbox) deps.outbox.nudge();
  publishEvents(deps, events);
  return result;
}
