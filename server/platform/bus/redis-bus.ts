import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeError } from '../log/describe-error';
import { type BusEvent, type BusHandler, dispatch, type EventBus, notifyResync } from './bus';

/** The default Redis channel every Parley process of a deployment publishes to and listens on. */
export const EVENTS_CHANNEL = 'parley:events';

const READY_TIMEOUT_MS = 2_000;
/** A publish Redis has not answered in this long counts as failed (a hung Redis must not pile them up). */
const PUBLISH_TIMEOUT_MS = 2_000;
/** Publishes awaiting Redis beyond this many are dropped (and announced as a resync): bounded memory. */
const MAX_PENDING_PUBLISHES = 10_000;

/** What travels on the channel: an event tagged with its process, or that process's resync notice. */
type Message = (BusEvent & { origin: string }) | { origin: string; resync: true };

/** The message in a channel payload, or undefined when it is not one (this listener must never throw). */
function parseMessage(raw: string): Message | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && typeof (value as Message).origin === 'string')
      return value as Message;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The bus of several processes: Redis pub/sub on one channel. A subscribed connection can do
 * nothing else, so publishing uses a second one. Resolves once subscribed, so a process never
 * listens for HTTP before it can receive events.
 *
 * An event reaches this process's own subscribers at once, whatever the state of Redis, and the
 * other processes through Redis; each message carries its process's id so the copy coming back is
 * skipped. Every process thus sees one process's events in the order it published them. Whenever
 * events may have been missed (this process lost its subscription, or another process failed to
 * publish), the resync listeners are told, so the gateway can ask its clients to refetch.
 */
export async function createRedisBus(url: string, log: Logger, channel = EVENTS_CHANNEL): Promise<EventBus> {
  const origin = randomUUID();
  // A write never waits on the bus: while disconnected a publish fails at once instead of queueing
  // (enableOfflineQueue), one in flight fails when the connection drops (maxRetriesPerRequest 0)
  // and is never resent twice, and one a hung Redis does not answer fails after a timeout.
  const publisher = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: PUBLISH_TIMEOUT_MS,
  });
  // Resubscribing is done below rather than by ioredis, to know when the subscription is back.
  const subscriber = new Redis(url, { lazyConnect: true, autoResubscribe: false });
  for (const [role, connection] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // ioredis reconnects by itself; an unhandled 'error' would crash the process.
    connection.on('error', (error) =>
      log.warn({ err: describeError(error), role }, 'redis bus connection error'),
    );
  }
  const handlers = new Set<BusHandler>();
  const resyncListeners = new Set<() => void>();

  subscriber.on('message', (_channel: string, raw: string) => {
    const message = parseMessage(raw);
    if (!message) {
      log.warn('ignored a malformed bus message');
      return;
    }
    if (message.origin === origin) return;
    if ('resync' in message) {
      notifyResync(resyncListeners, log);
      return;
    }
    const { origin: _from, ...event } = message;
    dispatch(handlers, event, log);
  });

  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(channel);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }

  // Events published while the subscription was down are lost to this process, including those
  // published between the reconnection and the SUBSCRIBE: clients refetch once it is back.
  let unsubscribed = false;
  subscriber.on('close', () => {
    unsubscribed = true;
  });
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => {
        if (!unsubscribed) return;
        unsubscribed = false;
        log.warn('redis bus subscription restored; streams resync');
        notifyResync(resyncListeners, log);
      },
      // The connection dropped again; its next 'ready' tries again.
      (error: Error) => log.warn({ err: describeError(error) }, 'redis bus resubscribe failed'),
    );
  });

  // Set when a publish failed: the other processes may have missed an event, and are told to
  // resync as soon as a message can be sent again.
  let owesResync = false;
  let pending = 0;

  function failed(error: Error | undefined) {
    if (!owesResync) log.warn({ err: describeError(error) }, 'redis bus publish failed; streams will resync');
    owesResync = true;
  }

  function send(message: Message) {
    if (pending >= MAX_PENDING_PUBLISHES) {
      failed(undefined);
      return;
    }
    pending += 1;
    publisher
      .publish(channel, JSON.stringify(message))
      .catch((error: Error) => failed(error))
      .finally(() => {
        pending -= 1;
      });
  }

  function sendOwedResync() {
    if (!owesResync || publisher.status !== 'ready') return;
    owesResync = false;
    send({ origin, resync: true });
  }
  publisher.on('ready', sendOwedResync);

  return {
    kind: 'redis',
    publish(event) {
      dispatch(handlers, event, log);
      // On the same connection, so it arrives before the event that follows.
      sendOwedResync();
      send({ ...event, origin });
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    onResync(listener) {
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
    async isReady() {
      if (subscriber.status !== 'ready') return false;
      const timeout = new Promise<false>((resolve) => setTimeout(resolve, READY_TIMEOUT_MS, false).unref());
      const pong = publisher.ping().then(
        (answer) => answer === 'PONG',
        () => false,
      );
      return Promise.race([pong, timeout]);
    },
    async close() {
      handlers.clear();
      resyncListeners.clear();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
      // QUIT fails while Redis is unreachable; this stops the reconnect attempts in any case.
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
