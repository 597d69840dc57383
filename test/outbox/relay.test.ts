import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/platform/db/client';
import { openPostgres } from '../../server/platform/db/postgres';
import { appendOutbox } from '../../server/platform/outbox/append';
import {
  type ChannelSender,
  createOutboxRelay,
  type OutboxJob,
  type OutboxRelay,
  type RelayOptions,
  sendFailure,
} from '../../server/platform/outbox/relay';
import { cloneDatabase } from '../support/app';
import { waitFor } from '../support/wait';

const log = pino({ level: 'silent' });
const firmId = uuidv7();
const fast: Partial<RelayOptions> = { pollMs: 20, backoff: { baseMs: 5, maxMs: 20 } };

let cloned: Awaited<ReturnType<typeof cloneDatabase>>;
const relays: OutboxRelay[] = [];
const extraDatabases: Database[] = [];

beforeEach(async () => {
  cloned = await cloneDatabase();
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop(0)));
  await Promise.all(extraDatabases.splice(0).map((d) => d.close()));
  await cloned.database.close();
  await cloned.drop();
});

function relay(options: Partial<RelayOptions>, database: Database = cloned.database): OutboxRelay {
  const r = createOutboxRelay({ db: database.db, log }, { ...fast, ...options });
  relays.push(r);
  return r;
}

/** A second connection pool to the same database on PostgreSQL (another process would have one). */
function secondConnection(): Database {
  if (!cloned.url) return cloned.database;
  const d = openPostgres(cloned.url, 4);
  extraDatabases.push(d);
  return d;
}

async function append(count: number, topic = 'test.send'): Promise<string[]> {
  return cloned.database.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++)
      ids.push((await appendOutbox(tx, { firmId, topic, payload: { n: i } })).id);
    return ids;
  });
}

interface Row {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  result: unknown;
  idempotency_key: string;
}

async function rows(): Promise<Row[]> {
  return cloned.database.query<Row>(
    'SELECT id, status, attempts, last_error, result, idempotency_key FROM outbox ORDER BY id',
  );
}

const allSettled = async () => {
  const r = await rows();
  return r.every((x) => x.status !== 'pending') ? r : undefined;
};

/** A provider that, like Twilio or an SMTP relay with a Message-ID, drops a second delivery with the same key. */
function fakeChannel() {
  const delivered = new Map<string, unknown>();
  const attempts: OutboxJob[] = [];
  return {
    delivered,
    attempts,
    receive(job: OutboxJob) {
      attempts.push(job);
      if (!delivered.has(job.idempotencyKey)) delivered.set(job.idempotencyKey, job.payload);
      return { providerId: `p-${job.idempotencyKey}` };
    },
  };
}

describe('outbox relay', () => {
  it('a sender that fails twice then succeeds sends exactly once, after three attempts', async () => {
    const channel = fakeChannel();
    let calls = 0;
    const r = relay({});
    r.register('test.send', async (job) => {
      calls += 1;
      if (calls <= 2) throw sendFailure('provider unavailable');
      return channel.receive(job);
    });
    const [id] = await append(1);
    r.start();
    const [row] = await waitFor(allSettled, 'the job to be sent');
    expect(row).toMatchObject({ id, status: 'sent', attempts: 3, last_error: null });
    expect(row!.result).toEqual({ providerId: `p-${id}` });
    expect(channel.delivered.size).toBe(1);
    expect(calls).toBe(3);
  });

  it('two workers on the same database never send the same row', async () => {
    const ids = await append(300);
    const sentBy = new Map<string, string[]>();
    const sender =
      (worker: string): ChannelSender =>
      async (job) => {
        sentBy.set(job.id, [...(sentBy.get(job.id) ?? []), worker]);
        await new Promise((resolve) => setImmediate(resolve));
        return null;
      };
    const a = relay({ batchSize: 20 });
    const b = relay({ batchSize: 20 }, secondConnection());
    a.register('test.send', sender('a'));
    b.register('test.send', sender('b'));
    a.start();
    b.start();
    const settled = await waitFor(allSettled, 'every job to be sent');
    expect(settled.every((x) => x.status === 'sent' && x.attempts === 1)).toBe(true);
    expect([...sentBy.keys()].sort()).toEqual([...ids].sort());
    expect([...sentBy.values()].filter((workers) => workers.length !== 1)).toEqual([]);
  });

  it('a worker that dies mid-send is taken over after its short lease with the same idempotency key', async () => {
    const channel = fakeChannel();
    let reviveDeadWorker: () => void = () => {};
    // Long enough that the successor's first try surely falls inside the lease, even on a busy machine.
    const deadWorker = relay({ leaseMs: 3_000 });
    deadWorker.register('test.send', async (job) => {
      channel.receive(job);
      // The process dies here: the send happened, the outcome is never recorded.
      await new Promise<void>((resolve) => {
        reviveDeadWorker = resolve;
      });
      return { providerId: 'from-the-dead-worker' };
    });
    const successor = relay({ leaseMs: 300 }, secondConnection());
    successor.register('test.send', async (job) => channel.receive(job));

    const [id] = await append(1);
    const dying = deadWorker.runOnce();
    await waitFor(async () => (channel.attempts.length === 1 ? true : undefined), 'the first send');
    expect(await successor.runOnce()).toBe(0);
    // A dead process renews nothing: stopping the worker without grace abandons its claim.
    await deadWorker.stop(0);
    await waitFor(async () => ((await successor.runOnce()) === 1 ? true : undefined), 'the lease to expire');

    expect(channel.attempts.map((j) => [j.idempotencyKey, j.attempt])).toEqual([
      [id, 1],
      [id, 2],
    ]);
    expect(channel.delivered.size).toBe(1);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, result: { providerId: `p-${id}` } });

    // If the stale worker wakes up after all, its outcome must not overwrite its successor's.
    reviveDeadWorker();
    expect(await dying).toBe(1);
    const [after] = await rows();
    expect(after).toMatchObject({ status: 'sent', attempts: 2, result: { providerId: `p-${id}` } });
  });

  it('a long send keeps its claim past the lease: a second worker does not take it over', async () => {
    const channel = fakeChannel();
    let finishSend: () => void = () => {};
    // Renewals come every leaseMs/3: a lease this long leaves seconds of slack for a busy machine.
    const leaseMs = 6_000;
    const slow = relay({ leaseMs });
    slow.register('test.send', async (job) => {
      channel.receive(job);
      await new Promise<void>((resolve) => {
        finishSend = resolve;
      });
      return channel.receive(job);
    });
    const other = relay({ leaseMs }, secondConnection());
    other.register('test.send', async (job) => channel.receive(job));

    const [id] = await append(1);
    const sending = slow.runOnce();
    await waitFor(async () => (channel.attempts.length === 1 ? true : undefined), 'the first send');
    const [claim] = await cloned.database.query<{ locked_until: string }>(
      'SELECT locked_until::text FROM outbox WHERE id = $1',
      [id],
    );
    // Wait, by the database's clock, until the first lease has run out: only renewals hold the job now.
    await waitFor(async () => {
      const [r] = await cloned.database.query<{ expired: boolean }>(
        'SELECT now() > $1::timestamptz AS expired',
        [claim!.locked_until],
      );
      return r!.expired ? true : undefined;
    }, 'the first lease to run out');
    expect(await other.runOnce()).toBe(0);

    finishSend();
    expect(await sending).toBe(1);
    expect(channel.attempts.map((j) => [j.idempotencyKey, j.attempt])).toEqual([
      [id, 1],
      [id, 1],
    ]);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('dead-letters a job after the configured attempts, recording no content', async () => {
    let calls = 0;
    const r = relay({ maxAttempts: 3 });
    r.register('test.send', async (job) => {
      calls += 1;
      throw new Error(`could not deliver ${JSON.stringify(job.payload)} to +15551234567`);
    });
    await append(1);
    r.start();
    const [row] = await waitFor(allSettled, 'the job to be dead-lettered');
    expect(row).toMatchObject({ status: 'dead', attempts: 3, last_error: 'Error' });
    expect(calls).toBe(3);
  });

  it('dead-letters at once on a permanent failure, and retries a topic without a sender', async () => {
    const r = relay({ maxAttempts: 2 });
    r.register('test.send', async () => {
      throw sendFailure('number is not mobile', { permanent: true });
    });
    await append(1);
    await append(1, 'test.unregistered');
    r.start();
    const settled = await waitFor(allSettled, 'both jobs to be dead-lettered');
    expect(settled.map((x) => [x.status, x.attempts, x.last_error])).toEqual([
      ['dead', 1, 'SendFailure: number is not mobile'],
      ['dead', 2, 'no sender for topic'],
    ]);
  });

  it('uses the caller’s idempotency key and writes nothing when the transaction rolls back', async () => {
    const channel = fakeChannel();
    const r = relay({});
    r.register('test.send', async (job) => channel.receive(job));
    await cloned.database.db.transaction(async (tx) => {
      await appendOutbox(tx, { firmId, topic: 'test.send', payload: {}, idempotencyKey: 'message-42' });
    });
    await expect(
      cloned.database.db.transaction(async (tx) => {
        await appendOutbox(tx, { firmId, topic: 'test.send', payload: {} });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    r.start();
    const settled = await waitFor(allSettled, 'the job to be sent');
    expect(settled).toHaveLength(1);
    expect(settled[0]!.idempotency_key).toBe('message-42');
    expect([...channel.delivered.keys()]).toEqual(['message-42']);
  });
});
