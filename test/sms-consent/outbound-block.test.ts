import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsSendError } from '../../server/channels/sms/port';
import { applyProviderDeliveryUpdate } from '../../server/features/sms/delivery-updates';
import { messagesOf, smsDeliveryOf, writeCounts } from '../secure-chat/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '../support/wait';
import { drained, ledgerOf, received, receivedMatching, setupThread, text } from './helpers';

// Every send to an opted-out pair is refused: synchronously when staff send, in the SMS sender for a
// job queued before the opt-out; and a provider's 21610 records the opt-out.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('a staff send to an opted-out client', () => {
  it('answers 422 opted-out naming the reason, and stores and queues nothing', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    await text(c, s.thread.contactPhone, s.thread.firmPhone, 'STOP');
    await receivedMatching(c, s.thread.contactPhone, /unsubscribed/);
    await drained(t, s.thread.contactPhone);
    // Reading the messages is audited: read them before counting.
    const messagesBefore = await messagesOf(c, s.thread.id);
    const before = await writeCounts(t);
    const r = await c.post(`/api/v1/conversations/${s.thread.id}/messages`, { body: 'Are you there?' });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.type).toMatch(/opted-out$/);
    expect(r.body.detail).toContain(`${s.thread.contactPhone} replied STOP on`);
    expect(r.body.detail).toContain('START');
    expect(await writeCounts(t)).toEqual(before);
    expect(await messagesOf(c, s.thread.id)).toEqual(messagesBefore);
    // An internal note still goes in: it texts nobody.
    const note = await c.post(`/api/v1/conversations/${s.thread.id}/messages`, {
      body: 'Client opted out',
      visibility: 'note',
    });
    expect(note.status).toBe(201);
  });

  it('is allowed again after the client texts START', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    await text(c, s.thread.contactPhone, s.thread.firmPhone, 'QUIT');
    expect((await c.post(`/api/v1/conversations/${s.thread.id}/messages`, { body: 'x' })).status).toBe(422);
    await text(c, s.thread.contactPhone, s.thread.firmPhone, 'START');
    const r = await c.post(`/api/v1/conversations/${s.thread.id}/messages`, {
      body: 'Glad to have you back',
    });
    expect(r.status).toBe(201);
    await receivedMatching(c, s.thread.contactPhone, /Glad to have you back/);
  });
});

describe('a text queued before the opt-out', () => {
  it('fails its delivery with opted-out and never reaches the provider', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    await t.deps.outbox.stop();
    let messageId: string;
    try {
      const r = await c.post(`/api/v1/conversations/${s.thread.id}/messages`, { body: 'Queued before STOP' });
      expect(r.status).toBe(201);
      messageId = r.body.id;
      await text(c, s.thread.contactPhone, s.thread.firmPhone, 'STOP');
    } finally {
      t.deps.outbox.start();
    }
    const delivery = await waitFor(async () => {
      const d = await smsDeliveryOf(c, s.thread.id, messageId);
      return d?.status === 'failed' && d;
    }, 'the delivery failed');
    expect(delivery.errorCode).toBe('opted-out');
    await receivedMatching(c, s.thread.contactPhone, /unsubscribed/);
    await drained(t, s.thread.contactPhone);
    const bodies = (await received(c, s.thread.contactPhone)).map((m) => m.body);
    expect(bodies.some((b) => b.includes('Queued before STOP'))).toBe(false);
  });
});

describe('the provider answers 21610', () => {
  it('on a send: the delivery fails with 21610 and the ledger records the opt-out (cause provider)', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    t.deps.sms.name === 'simulator' &&
      t.deps.sms.failNext(
        new SmsSendError('opted-out', 'unsubscribed recipient', { providerCode: '21610', httpStatus: 400 }),
      );
    const r = await c.post(`/api/v1/conversations/${s.thread.id}/messages`, { body: 'Hello?' });
    expect(r.status).toBe(201);
    const delivery = await waitFor(async () => {
      const d = await smsDeliveryOf(c, s.thread.id, r.body.id);
      return d?.status === 'failed' && d;
    }, 'the delivery failed');
    expect(delivery.errorCode).toBe('21610');
    const ledger = await waitFor(async () => {
      const rows = await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone);
      return rows.length > 0 && rows;
    }, 'the ledger entry');
    expect(ledger).toEqual([
      { state: 'opted_out', cause: 'provider', keyword: null, message_id: null, by_user_id: null },
    ]);
    const again = await c.post(`/api/v1/conversations/${s.thread.id}/messages`, { body: 'Hello again?' });
    expect(again.status).toBe(422);
    expect(again.body.type).toMatch(/opted-out$/);
  });

  it('in a status callback: the recipient of that text is opted out once', async () => {
    const s = await setupThread(t, ['First text']);
    const c = s.admin.client;
    const delivery = await waitFor(async () => {
      const d = await smsDeliveryOf(c, s.thread.id, s.thread.messageIds[0] as string);
      return d?.status === 'delivered' && d;
    }, 'the text delivered');
    const [row] = await t.database.query<{ provider_id: string }>(
      'select provider_id from message_deliveries where message_id = $1',
      [s.thread.messageIds[0]],
    );
    for (let i = 0; i < 2; i++)
      await applyProviderDeliveryUpdate(t.deps, {
        firmPhone: s.thread.firmPhone,
        update: { providerId: row?.provider_id as string, status: 'undelivered', errorCode: '21610' },
      });
    expect(delivery.status).toBe('delivered');
    expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toEqual([
      { state: 'opted_out', cause: 'provider', keyword: null, message_id: null, by_user_id: null },
    ]);
  });
});
