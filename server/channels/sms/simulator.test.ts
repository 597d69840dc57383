import { afterEach, describe, expect, it } from 'vitest';
import { type DeliveryUpdate, SmsSendError } from './port';
import { createSmsSimulator, type SmsSimulator } from './simulator';

const firm = '+12025550100';
const client = '+12025550143';
let sim: SmsSimulator;

afterEach(() => sim?.close());

function waitFor(updates: DeliveryUpdate[], count: number): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (updates.length >= count ? resolve() : setTimeout(poll, 5));
    poll();
  });
}

describe('SMS simulator', () => {
  it('delivers a text to the simulated phone with its segment count', async () => {
    const at = new Date('2025-06-01T12:00:00Z');
    sim = createSmsSimulator({ clock: () => at });
    const result = await sim.send({ from: firm, to: client, body: 'a'.repeat(161), idempotencyKey: 'k1' });
    expect(result).toEqual({ providerId: expect.any(String), status: 'queued', segments: 2 });
    expect(sim.list()).toEqual([
      { id: result.providerId, from: firm, to: client, body: 'a'.repeat(161), segments: 2, at },
    ]);
  });

  it('stores a retried send with the same idempotency key once and answers the same provider id', async () => {
    sim = createSmsSimulator();
    const first = await sim.send({ from: firm, to: client, body: 'hello', idempotencyKey: 'same' });
    const again = await sim.send({ from: firm, to: client, body: 'hello', idempotencyKey: 'same' });
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => sim.send({ from: firm, to: client, body: 'hello', idempotencyKey: 'same' })),
    );
    expect(again.providerId).toBe(first.providerId);
    expect(concurrent.map((r) => r.providerId)).toEqual([
      first.providerId,
      first.providerId,
      first.providerId,
    ]);
    expect(sim.list()).toHaveLength(1);
    const other = await sim.send({ from: firm, to: client, body: 'hello', idempotencyKey: 'other' });
    expect(other.providerId).not.toBe(first.providerId);
    expect(sim.list()).toHaveLength(2);
  });

  it('lists texts oldest first, filtered by recipient in any spelling', async () => {
    sim = createSmsSimulator();
    await sim.send({ from: firm, to: client, body: 'one', idempotencyKey: '1' });
    await sim.send({ from: firm, to: '+12025550199', body: 'two', idempotencyKey: '2' });
    await sim.send({ from: firm, to: client, body: 'three', idempotencyKey: '3' });
    expect(sim.list().map((t) => t.body)).toEqual(['one', 'two', 'three']);
    expect(sim.list('(202) 555-0143').map((t) => t.body)).toEqual(['one', 'three']);
    expect(sim.list('+19995550000')).toEqual([]);
  });

  it('keeps only the most recent texts beyond its capacity', async () => {
    sim = createSmsSimulator({ capacity: 3 });
    for (let i = 1; i <= 5; i++)
      await sim.send({ from: firm, to: client, body: `m${i}`, idempotencyKey: `k${i}` });
    expect(sim.list().map((t) => t.body)).toEqual(['m3', 'm4', 'm5']);
    // A forgotten key sends anew; a remembered one still deduplicates.
    await sim.send({ from: firm, to: client, body: 'm1', idempotencyKey: 'k1' });
    await sim.send({ from: firm, to: client, body: 'm5', idempotencyKey: 'k5' });
    expect(sim.list().map((t) => t.body)).toEqual(['m4', 'm5', 'm1']);
  });

  it('reports queued → sent → delivered to registered listeners, in order', async () => {
    sim = createSmsSimulator({ deliveryDelayMs: 1 });
    const updates: DeliveryUpdate[] = [];
    sim.onDeliveryUpdate(() => {
      throw new Error('a failing listener does not stop the others');
    });
    sim.onDeliveryUpdate(async (u) => {
      updates.push(u);
    });
    const { providerId, status } = await sim.send({
      from: firm,
      to: client,
      body: 'hi',
      idempotencyKey: 'k',
    });
    expect(status).toBe('queued');
    await waitFor(updates, 2);
    expect(updates).toEqual([
      { providerId, status: 'sent' },
      { providerId, status: 'delivered' },
    ]);
  });

  it('stops reporting to a listener once it unsubscribes', async () => {
    sim = createSmsSimulator({ deliveryDelayMs: 1 });
    const kept: DeliveryUpdate[] = [];
    const dropped: DeliveryUpdate[] = [];
    sim.onDeliveryUpdate((u) => {
      kept.push(u);
    });
    const unsubscribe = sim.onDeliveryUpdate((u) => {
      dropped.push(u);
    });
    unsubscribe();
    await sim.send({ from: firm, to: client, body: 'hi', idempotencyKey: 'k' });
    await waitFor(kept, 2);
    expect(dropped).toEqual([]);
  });

  it('fails the next send with an injected error and then sends normally', async () => {
    sim = createSmsSimulator();
    sim.failNext(new SmsSendError('provider-unavailable', 'simulated outage'));
    const error = await sim.send({ from: firm, to: client, body: 'hi', idempotencyKey: 'k' }).catch((e) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error.retryable).toBe(true);
    expect(sim.list()).toEqual([]);
    const retried = await sim.send({ from: firm, to: client, body: 'hi', idempotencyKey: 'k' });
    expect(sim.list().map((t) => t.id)).toEqual([retried.providerId]);
  });
});

describe('SmsSendError', () => {
  it.each([
    ['rate-limited', true],
    ['provider-unavailable', true],
    ['network', true],
    ['opted-out', false],
    ['invalid-number', false],
    ['provider-auth', false],
    ['rejected', false],
  ] as const)('%s is retryable: %s', (failure, retryable) => {
    expect(new SmsSendError(failure, 'x').retryable).toBe(retryable);
  });
});
