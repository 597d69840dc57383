import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeError } from '../log/describe-error';
import { type BusEvent, type BusHandler, dispatch, type EventBus } from './bus';

/** The default Redis channel every Parley process of a deployment publishes to and listens on. */
export const EVENTS_CHANNEL = 'parley:events';

const READY_TIMEOUT_MS = 2_000;

/**
 * The bus of several processes: Redis pub/sub on one channel. A subscribed connection can do
 * nothing else, so publishing uses a second one. Resolves once subscribed, so a process never
 * listens for HTTP before it can receive events. Events published by this process come back
 * through Redis too, which keeps their order the same on every process.
 */
export async function createRedisBus(url: string, log: Logger, channel = EVENTS_CHANNEL): Promise<EventBus> {
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { lazyConnect: true });
  for (const [role, connection] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // ioredis reconnects (and resubscribes) by itself; an unhandled 'error' would crash the process.
    connection.on('error', (error) =>
      log.warn({ err: describeError(error), role }, 'redis bus connection error'),
    );
  }
  const handlers = new Set<BusHandler>();
  subscriber.on('message', (_channel: string, message: string) => {
    let event: BusEvent;
    try {
      event = JSON.parse(message) as BusEvent;
    } catch {
      log.warn('ignored a malformed bus message');
      return;
    }
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

  return {
    kind: 'redis',
    async publish(event) {
      await publisher.publish(channel, JSON.stringify(event));
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
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
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
