import type { Deps } from '../../deps';
import type { Tx } from '../db/client';
import { describeError } from '../log/describe-error';
import { appendedOutbox } from '../outbox/append';
import type { BusEvent } from './bus';

/**
 * Publishes events that need no transaction (e.g. typing). A failed publish is logged, never
 * thrown: whatever caused the event already happened, and clients catch up from the API when
 * they reconnect.
 */
export async function publishEvents(deps: Pick<Deps, 'bus' | 'log'>, events: BusEvent[]): Promise<void> {
  await Promise.all(
    events.map((event) =>
      deps.bus.publish(event).catch((error) => {
        deps.log.error({ err: describeError(error), eventType: event.type }, 'event publish failed');
      }),
    ),
  );
}

/**
 * Runs work in one database transaction and, only once it has committed, publishes the events
 * work pushed and wakes the outbox relay if work appended to the outbox. A rollback (work
 * throws) publishes nothing: no client ever hears of a change that did not happen.
 */
export async function inTransaction<T>(
  deps: Pick<Deps, 'db' | 'bus' | 'outbox' | 'log'>,
  work: (tx: Tx, events: BusEvent[]) => Promise<T>,
): Promise<T> {
  const events: BusEvent[] = [];
  let wroteOutbox = false;
  const result = await deps.db.transaction(async (tx) => {
    const value = await work(tx, events);
    wroteOutbox = appendedOutbox(tx);
    return value;
  });
  if (wroteOutbox) deps.outbox.nudge();
  await publishEvents(deps, events);
  return result;
}
