import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../server/platform/bus/bus';
import { busEvent } from '../../server/platform/bus/events';
import { inTransaction, publishEvents } from '../../server/platform/bus/in-transaction';
import { appendOutbox } from '../../server/platform/outbox/append';
import type { OutboxJob } from '../../server/platform/outbox/relay';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '../support/wait';

let t: TestApp;
const firmId = '01900000-0000-7000-8000-000000000001';
const received: BusEvent[] = [];
const sent: OutboxJob[] = [];
let jobSent: (job: OutboxJob) => void = () => {};

beforeAll(async () => {
  t = await startTestApp();
  t.deps.bus.subscribe((e) => received.push(e));
  t.deps.outbox.register('test.notify', async (job) => {
    sent.push(job);
    jobSent(job);
    return { ok: true };
  });
});
afterAll(() => t.close());

const evt = (n: number) => busEvent('conversation.deleted', firmId, { userIds: ['u'] }, { id: `c${n}` });

/** Resolves once the bus delivered `count` events of this type (the Redis bus delivers asynchronously). */
async function arrival(type: string, count = 1): Promise<void> {
  await waitFor(() => received.filter((e) => e.type === type).length >= count, `${count} ${type} event(s)`, {
    interval: 10,
  });
}

/** The firm's outbox row ids (their status may still move from pending to sent in the background). */
async function outboxIds(): Promise<string[]> {
  const rows = await t.database.query<{ id: string }>(
    'SELECT id FROM outbox WHERE firm_id = $1 ORDER BY id',
    [firmId],
  );
  return rows.map((r) => r.id);
}

describe('inTransaction', () => {
  it('publishes the collected events only after the commit, and wakes the relay', async () => {
    received.length = 0;
    const delivered = new Promise<OutboxJob>((resolve) => {
      jobSent = resolve;
    });
    const seenInside: number[] = [];
    const id = await inTransaction(t.deps, async (tx, events) => {
      const { id } = await appendOutbox(tx, { firmId, topic: 'test.notify', payload: { n: 1 } });
      events.push(evt(1), evt(2));
      seenInside.push(received.length);
      return id;
    });
    expect(seenInside).toEqual([0]);
    await arrival('conversation.deleted', 2);
    expect(received.filter((e) => e.firmId === firmId).map((e) => e.data)).toEqual([
      { id: 'c1' },
      { id: 'c2' },
    ]);
    expect((await delivered).id).toBe(id);
  });

  it('publishes nothing and sends nothing when the transaction rolls back', async () => {
    received.length = 0;
    const rowsBefore = await outboxIds();
    const sentBefore = sent.length;
    await expect(
      inTransaction(t.deps, async (tx, events) => {
        await appendOutbox(tx, { firmId, topic: 'test.notify', payload: { n: 2 } });
        events.push(evt(3));
        throw new Error('validation failed late');
      }),
    ).rejects.toThrow('validation failed late');
    // Anything published by the rolled-back work would arrive before this later event.
    publishEvents(t.deps, [busEvent('pong', firmId, { userIds: ['u'] }, { at: new Date().toISOString() })]);
    await arrival('pong');
    expect(received.filter((e) => e.firmId === firmId).map((e) => e.type)).toEqual(['pong']);
    expect(await outboxIds()).toEqual(rowsBefore);
    // A later commit is sent alone: the rolled-back job never reaches the channel.
    const delivered = new Promise<OutboxJob>((resolve) => {
      jobSent = resolve;
    });
    await inTransaction(t.deps, (tx) =>
      appendOutbox(tx, { firmId, topic: 'test.notify', payload: { n: 3 } }),
    );
    expect((await delivered).payload).toEqual({ n: 3 });
    expect(sent.slice(sentBefore).map((j) => j.payload)).toEqual([{ n: 3 }]);
  });
});
