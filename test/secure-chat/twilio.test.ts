import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSmsJob } from '../../server/features/sms/sender';
import { type FakeTwilio, startFakeTwilio, twilioSign } from '../channels/fake-twilio';
import { expectProblem } from '../conversations/helpers';
import { openStream, type Stream } from '../realtime/stream-client';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { makeContact, makeFirm, makeMatter, makeUser } from '../support/factories';
import { settledJobs } from '../support/outbox';
import { waitFor } from '../support/wait';
import { messagesOf, nextMatching, smsDeliveryOf, startedThread } from './helpers';

describe('secure chat over Twilio (local fake)', () => {
  let fake: FakeTwilio;
  let t: TestApp;
  let matterId: string;
  let contactId: string;
  /** The client's two phones. */
  let mobile: string;
  let workPhone: string;
  let attorney1: TestClient;
  let webhook: string;
  let thread: { id: string; firmPhone: string };
  let stream: Stream;
  beforeAll(async () => {
    fake = await startFakeTwilio();
    t = await startTestApp({
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_BASE_URL: fake.baseUrl,
      OUTBOX_POLL_MS: '50',
    });
    // Twilio signs the URL it posts to: the app's own address, which is its PUBLIC_URL.
    expect(t.env.PUBLIC_URL).toBe(t.url);
    webhook = `${t.url}/webhooks/sms/twilio`;
    const firm = await makeFirm(t);
    // These cases are about the transport: texts go out as written (naming the sender is tested in sender-prefix.test.ts).
    await firm.admin.client.put('/api/v1/settings', {
      secureChatTexting: { senderPrefix: '', optOutFooter: '' },
    });
    const attorney = await makeUser(t, firm, { role: 'attorney' });
    const client = await makeContact(attorney, { phones: 2 });
    [mobile, workPhone] = client.phones as [string, string];
    contactId = client.id;
    matterId = (await makeMatter(attorney, { contacts: [client] })).id;
    attorney1 = attorney.client;
    thread = await startedThread(attorney1, { matterId, contactId, contactPhone: mobile });
    stream = await openStream(t.url, { session: attorney1.cookie('parley_session') });
    await stream.next('ready');
  });
  afterAll(async () => {
    stream?.ws.close();
    await t?.close();
    await fake?.close();
  });

  /** Sends a staff message and waits until Twilio accepted its text; answers the message and the text. */
  async function textOut(body: string) {
    const sent = await attorney1.post(`/api/v1/conversations/${thread.id}/messages`, { body });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const text = await waitFor(
      async () => fake.messages.find((m) => m.body === body),
      'the text at the fake Twilio',
    );
    const accepted = await waitFor(async () => {
      const d = await smsDeliveryOf(attorney1, thread.id, sent.body.id);
      return d?.status === 'queued' && (await providerIdOf(sent.body.id)) === text.sid ? d : undefined;
    }, 'the provider id on the delivery');
    return { message: sent.body, text, delivery: accepted };
  }

  async function providerIdOf(messageId: string): Promise<string | null> {
    const [row] = await t.database.query<{ provider_id: string | null }>(
      'select provider_id from message_deliveries where message_id = $1',
      [messageId],
    );
    return row?.provider_id ?? null;
  }

  /** Inbound text fields as Twilio posts them. */
  function inboundParams(sid: string, body: string, from = mobile): Record<string, string> {
    return {
      AccountSid: fake.accountSid,
      ApiVersion: '2010-04-01',
      Body: body,
      From: from,
      MessageSid: sid,
      NumMedia: '0',
      NumSegments: '1',
      SmsMessageSid: sid,
      SmsSid: sid,
      SmsStatus: 'received',
      To: thread.firmPhone,
    };
  }

  it('has no development SMS routes when Twilio is the provider', async () => {
    expect((await t.client().get('/dev/sms/outbox')).status).toBe(404);
    expect(
      (await t.client().post('/dev/sms/inbound', { from: mobile, to: thread.firmPhone, body: 'x' })).status,
    ).toBe(404);
  });

  it('sends through the Messages API with Basic auth, form fields, a status callback and the message id as idempotency token', async () => {
    const body = `Please confirm you received the documents. ${'x'.repeat(150)}`;
    const { message, text, delivery } = await textOut(body);
    const request = fake.requests.find((r) => r.form.Body === body);
    expect(request?.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`,
    );
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.headers['i-twilio-idempotency-token']).toBe(message.id);
    expect(request?.form).toEqual({
      To: mobile,
      From: thread.firmPhone,
      Body: body,
      StatusCallback: webhook,
    });
    expect(text.numSegments).toBe(2);
    expect(delivery).toMatchObject({ channel: 'sms', recipient: mobile, status: 'queued', segments: 2 });
  });

  it('applies status callbacks forward only and pushes message.updated', async () => {
    const { message, text } = await textOut('Status check');
    for (const status of ['sent', 'delivered', 'sent', 'queued']) {
      const r = await fake.sendStatus(text.sid, status);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(await r.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    }
    expect(await smsDeliveryOf(attorney1, thread.id, message.id)).toMatchObject({ status: 'delivered' });
    const updates: string[] = [];
    while (updates.at(-1) !== 'delivered') {
      const frame = await nextMatching(stream, 'message.updated', (data) => data.messageId === message.id);
      expect(frame.data.conversationId).toBe(thread.id);
      updates.push(frame.data.deliveries[0].status);
    }
    expect(updates.slice(-2)).toEqual(['sent', 'delivered']);

    const lost = await textOut('This one will not arrive');
    await fake.sendStatus(lost.text.sid, 'sent');
    await fake.sendStatus(lost.text.sid, 'undelivered', '30003');
    expect(await smsDeliveryOf(attorney1, thread.id, lost.message.id)).toMatchObject({
      status: 'undelivered',
      errorCode: '30003',
    });
    const failed = await textOut('This one fails');
    await fake.sendStatus(failed.text.sid, 'failed', '30007');
    await fake.sendStatus(failed.text.sid, 'delivered');
    expect(await smsDeliveryOf(attorney1, thread.id, failed.message.id)).toMatchObject({
      status: 'failed',
      errorCode: '30007',
    });
  });

  it('retries through the outbox after a provider 500 and texts exactly once', async () => {
    fake.respondNext({ status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } });
    const body = 'Sent after one provider failure';
    const sent = await attorney1.post(`/api/v1/conversations/${thread.id}/messages`, { body });
    expect(sent.status).toBe(201);
    await waitFor(async () => {
      const d = await smsDeliveryOf(attorney1, thread.id, sent.body.id);
      return (await providerIdOf(sent.body.id)) ? d : undefined;
    }, 'the retried send');
    expect(fake.messages.filter((m) => m.body === body)).toHaveLength(1);
    const attempts = fake.requests.filter((r) => r.headers['i-twilio-idempotency-token'] === sent.body.id);
    expect(attempts).toHaveLength(2);
    const [job] = await settledJobs<{ status: string; attempts: number }>(
      t.database,
      `select status, attempts from outbox where idempotency_key = $1`,
      [sent.body.id],
    );
    expect(job).toEqual({ status: 'sent', attempts: 2 });
  });

  it('fails the delivery with the error code when the client opted out (21610), without retrying', async () => {
    const work = await startedThread(attorney1, {
      matterId,
      contactId,
      contactPhone: workPhone,
    });
    fake.optOut(workPhone);
    const sent = await attorney1.post(`/api/v1/conversations/${work.id}/messages`, {
      body: 'Are you there?',
    });
    expect(sent.status).toBe(201);
    const delivery = await waitFor(async () => {
      const d = await smsDeliveryOf(attorney1, work.id, sent.body.id);
      return d?.status === 'failed' ? d : undefined;
    }, 'the failed delivery');
    expect(delivery.errorCode).toBe('21610');
    const [job] = await settledJobs<{ status: string; attempts: number; last_error: string }>(
      t.database,
      `select status, attempts, last_error from outbox where idempotency_key = $1`,
      [sent.body.id],
    );
    expect(job).toMatchObject({ status: 'dead', attempts: 1 });
    expect(job?.last_error).toContain('21610');
    expect(fake.messages.filter((m) => m.to === workPhone)).toHaveLength(0);
  });

  it('stores a signed inbound text once, even when Twilio delivers its MessageSid twice', async () => {
    const sid = `SM${uuidv7().replace(/-/g, '')}`;
    const params = inboundParams(sid, 'Got it, thanks!');
    const first = await fake.postSigned(webhook, params);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await first.text()).toContain('<Response/>');
    const pushed = await nextMatching(
      stream,
      'message.created',
      (data) => data.conversationId === thread.id && data.message?.authorType === 'contact',
    );
    expect(pushed.data.message).toMatchObject({
      body: 'Got it, thanks!',
      authorType: 'contact',
      source: 'sms',
    });
    const again = await fake.postSigned(webhook, params);
    expect(again.status).toBe(200);
    const bodies = (await messagesOf(attorney1, thread.id)).map((m) => m.body);
    expect(bodies.filter((b) => b === 'Got it, thanks!')).toHaveLength(1);
    const receipts = await t.database.query('select 1 from inbound_receipts where key = $1', [
      `twilio:${sid}`,
    ]);
    expect(receipts).toHaveLength(1);
  });

  it('refuses a webhook with a bad or missing signature (403) and stores nothing', async () => {
    const count = async () =>
      (await t.database.query<{ n: number }>('select count(*)::int as n from messages'))[0]?.n;
    const before = await count();
    const params = inboundParams(`SM${uuidv7().replace(/-/g, '')}`, 'forged');
    const form = new URLSearchParams(params).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const missing = await fetch(webhook, { method: 'POST', headers, body: form });
    const wrongKey = await fetch(webhook, {
      method: 'POST',
      headers: { ...headers, 'x-twilio-signature': twilioSign('not-the-token', webhook, params) },
      body: form,
    });
    const tampered = await fetch(webhook, {
      method: 'POST',
      headers: { ...headers, 'x-twilio-signature': twilioSign(fake.authToken, webhook, params) },
      body: new URLSearchParams({ ...params, Body: 'tampered' }).toString(),
    });
    for (const r of [missing, wrongKey, tampered]) {
      expect(r.status).toBe(403);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect((await r.json()).type).toBe('/problems/invalid-signature');
    }
    expect(await count()).toBe(before);
  });

  it('texts once when the same message is retried concurrently, and when its job runs twice at once', async () => {
    const id = uuidv7();
    const body = 'Concurrent retries, one text';
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => attorney1.post(`/api/v1/conversations/${thread.id}/messages`, { id, body })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => r.body.id))).toEqual(new Set([id]));
    await waitFor(async () => ((await providerIdOf(id)) ? true : undefined), 'the send');

    // Two workers holding the same job (a lease that expired mid-send) still text once.
    const [job] = await t.database.query<{
      id: string;
      firm_id: string;
      payload: unknown;
      idempotency_key: string;
    }>('select id, firm_id, payload, idempotency_key from outbox where idempotency_key = $1', [id]);
    const outboxJob = {
      id: job!.id,
      firmId: job!.firm_id,
      topic: 'sms.send',
      idempotencyKey: job!.idempotency_key,
      payload: job!.payload,
      attempt: 2,
    };
    const [a, b] = await Promise.all([sendSmsJob(t.deps, {}, outboxJob), sendSmsJob(t.deps, {}, outboxJob)]);
    expect(a).toEqual(b);
    expect(fake.messages.filter((m) => m.body === body)).toHaveLength(1);
    expect((await messagesOf(attorney1, thread.id)).filter((m) => m.id === id)).toHaveLength(1);
  });

  it('refuses a text longer than Twilio accepts (422) and stores nothing', async () => {
    const r = await attorney1.post(`/api/v1/conversations/${thread.id}/messages`, { body: 'y'.repeat(1601) });
    expectProblem(r, 422, 'sms-too-long');
    expect((await messagesOf(attorney1, thread.id)).some((m) => m.body.startsWith('yyyy'))).toBe(false);
  });
});
