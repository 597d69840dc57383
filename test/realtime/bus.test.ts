import type { ChildProcess } from 'node:child_process';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import type { BusEvent, EventBus } from '../../server/platform/bus/bus';
import { createBus } from '../../server/platform/bus/create-bus';
import { createMemoryBus } from '../../server/platform/bus/memory-bus';
import { createRedisBus } from '../../server/platform/bus/redis-bus';
import { redisInstalled, startRedis, startRedisOnFreePort, stopRedis } from '../support/redis';

const log = pino({ level: 'silent' });
const redisUrl = process.env.REDIS_URL;

function event(n: number): BusEvent {
  return { type: 'test.event', firmId: 'f1', audience: { userIds: ['u1'] }, data: { n } };
}

/** Resolves with the first `count` events the bus delivers to a new subscriber. */
function collect(bus: EventBus, count: number): Promise<BusEvent[]> {
  const seen: BusEvent[] = [];
  return new Promise((resolve) => {
    const off = bus.subscribe((e) => {
      seen.push(e);
      if (seen.length === count) {
        off();
        resolve(seen);
      }
    });
  });
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const open: EventBus[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

describe('in-process bus', () => {
  it('delivers every event to every subscriber, in order, until it unsubscribes', async () => {
    const bus = createMemoryBus(log);
    open.push(bus);
    const a = collect(bus, 3);
    const b = collect(bus, 3);
    for (const n of [1, 2, 3]) bus.publish(event(n));
    expect((await a).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect((await b).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const late: BusEvent[] = [];
    bus.subscribe((e) => late.push(e))();
    bus.publish(event(4));
    expect(late).toEqual([]);
  });

  it('keeps delivering to the other subscribers when one handler throws', async () => {
    const bus = createMemoryBus(log);
    open.push(bus);
    bus.subscribe(() => {
      throw new Error('broken handler');
    });
    const good = collect(bus, 1);
    bus.publish(event(1));
    expect(await good).toEqual([event(1)]);
    expect(await bus.isReady()).toBe(true);
  });

  it('is the bus chosen when REDIS_URL is not set', async () => {
    const bus = await createBus(loadConfig({}), log);
    open.push(bus);
    expect(bus.kind).toBe('memory');
  });
});

describe('Redis bus', () => {
  it('is configured whenever the PostgreSQL run is', () => {
    // The PostgreSQL run of CI is also the Redis run: the Redis tests must not quietly vanish from it.
    if (process.env.CI === 'true' && process.env.DATABASE_URL) expect(redisUrl).toBeTruthy();
    expect(loadConfig(redisUrl ? { REDIS_URL: redisUrl } : {}).REDIS_URL).toBe(redisUrl);
  });

  describe.runIf(redisUrl)('with REDIS_URL', () => {
    it('delivers to the publisher’s process at once and to the others through Redis, once each', async () => {
      const channel = `parley:test:${crypto.randomUUID()}`;
      const a = await createRedisBus(redisUrl!, log, channel);
      const b = await createRedisBus(redisUrl!, log, channel);
      open.push(a, b);
      expect(a.kind).toBe('redis');
      const onA: BusEvent[] = [];
      a.subscribe((e) => onA.push(e));
      const onB = collect(b, 2);
      a.publish(event(1));
      expect(onA).toEqual([event(1)]);
      a.publish(event(2));
      expect((await onB).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
      // b's own event is delivered to b alone once more, after which a has seen it once too.
      const sentinel = collect(a, 1);
      b.publish(event(3));
      await sentinel;
      expect(onA).toEqual([event(1), event(2), event(3)]);
    });

    it('reports ready, and not ready once closed', async () => {
      const bus = await createBus(loadConfig({ REDIS_URL: redisUrl! }), log);
      expect(bus.kind).toBe('redis');
      expect(await bus.isReady()).toBe(true);
      await bus.close();
      expect(await bus.isReady()).toBe(false);
    });

    describe.runIf(redisInstalled || process.env.CI === 'true')(
      'when its own Redis stops and starts again',
      () => {
        let redis: ChildProcess | undefined;
        afterEach(() => stopRedis(redis));

        it('delivers locally without waiting meanwhile, then tells every process to resync', async () => {
          const started = await startRedisOnFreePort();
          redis = started.child;
          const port = started.port;
          const url = `redis://127.0.0.1:${port}`;
          const a = await createRedisBus(url, log);
          const b = await createRedisBus(url, log);
          open.push(a, b);
          const resyncs = { a: 0, b: 0 };
          a.onResync(() => {
            resyncs.a += 1;
          });
          b.onResync(() => {
            resyncs.b += 1;
          });
          const onA: BusEvent[] = [];
          a.subscribe((e) => onA.push(e));

          await stopRedis(redis);
          await until(async () => !(await a.isReady()) && !(await b.isReady()), 'both to see Redis down');
          // publish returns nothing to wait for; the event is already with this process's subscribers.
          for (const n of [1, 2, 3]) a.publish(event(n));
          expect(onA.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);

          redis = await startRedis(port);
          await until(async () => resyncs.a > 0 && resyncs.b > 0, 'a resync on both buses');
          await until(async () => (await a.isReady()) && (await b.isReady()), 'both to be ready again');
          const onB = collect(b, 1);
          a.publish(event(4));
          expect((await onB).map((e) => e.data)).toEqual([{ n: 4 }]);
        });
      },
    );

    it('refuses to start when Redis cannot be reached', async () => {
      await expect(createRedisBus('redis://127.0.0.1:1', log)).rejects.toThrow();
    });
  });
});
