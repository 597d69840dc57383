import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsSendError } from '../../server/channels/sms/port';
import { createTwilioProvider, type TwilioOptions } from '../../server/channels/sms/twilio';
import { type FakeTwilio, startFakeTwilio } from './fake-twilio';

const firm = '+12025550100';
const client = '+12025550143';
let fake: FakeTwilio;

beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.messages.length = 0;
});

function provider(overrides: Partial<TwilioOptions> = {}) {
  return createTwilioProvider({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    baseUrl: fake.baseUrl,
    ...overrides,
  });
}

async function sendError(promise: Promise<unknown>): Promise<SmsSendError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe('Twilio adapter: send', () => {
  it('POSTs the form fields with Basic auth and returns the sid, status and segments', async () => {
    const twilio = provider();
    const result = await twilio.send({
      from: firm,
      to: client,
      body: 'x'.repeat(161),
      idempotencyKey: 'job-1',
      statusCallbackUrl: 'https://parley.example/webhooks/sms/twilio',
    });
    expect(result).toEqual({ providerId: fake.messages[0]?.sid, status: 'queued', segments: 2 });
    expect(fake.messages).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`,
    );
    expect(request?.form).toEqual({
      To: client,
      From: firm,
      Body: 'x'.repeat(161),
      StatusCallback: 'https://parley.example/webhooks/sms/twilio',
    });
  });

  it('sends through the Messaging Service when one is configured, keeping the thread’s number', async () => {
    const twilio = provider({ messagingServiceSid: `MG${'a'.repeat(32)}` });
    const result = await twilio.send({ from: firm, to: client, body: 'hi', idempotencyKey: 'job-2' });
    expect(result.status).toBe('queued');
    expect(fake.requests[0]?.form).toEqual({
      To: client,
      From: firm,
      Body: 'hi',
      MessagingServiceSid: `MG${'a'.repeat(32)}`,
    });
  });

  it('passes the idempotency key as I-Twilio-Idempotency-Token, so a retry stores the text once', async () => {
    const twilio = provider();
    const msg = { from: firm, to: client, body: 'hello', idempotencyKey: 'job-3' };
    const first = await twilio.send(msg);
    const again = await twilio.send(msg);
    expect(fake.requests.map((r) => r.headers['i-twilio-idempotency-token'])).toEqual(['job-3', 'job-3']);
    expect(again.providerId).toBe(first.providerId);
    expect(fake.messages).toHaveLength(1);
  });

  it('works with a base URL that ends in a slash', async () => {
    const result = await provider({ baseUrl: `${fake.baseUrl}/` }).send({
      from: firm,
      to: client,
      body: 'hi',
      idempotencyKey: 'job-4',
    });
    expect(result.providerId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('fails permanently on bad credentials (401, 20003)', async () => {
    const error = await sendError(
      provider({ authToken: 'wrong' }).send({ from: firm, to: client, body: 'hi', idempotencyKey: 'job-5' }),
    );
    expect(error).toMatchObject({
      failure: 'provider-auth',
      retryable: false,
      details: { httpStatus: 401, providerCode: '20003' },
    });
    expect(fake.messages).toEqual([]);
  });

  it('fails retryably on a provider 500, and the retry with the same key sends once', async () => {
    const twilio = provider();
    const msg = { from: firm, to: client, body: 'hello', idempotencyKey: 'job-6' };
    fake.respondNext({ status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } });
    const error = await sendError(twilio.send(msg));
    expect(error).toMatchObject({
      failure: 'provider-unavailable',
      retryable: true,
      details: { httpStatus: 500 },
    });
    const result = await twilio.send(msg);
    expect(fake.messages.map((m) => m.sid)).toEqual([result.providerId]);
  });

  it('fails retryably on 503 with a body that is not JSON', async () => {
    fake.respondNext({ status: 503, body: '<html>Service Unavailable</html>' });
    const error = await sendError(
      provider().send({ from: firm, to: client, body: 'hi', idempotencyKey: 'job-7' }),
    );
    expect(error).toMatchObject({
      failure: 'provider-unavailable',
      retryable: true,
      details: { httpStatus: 503 },
    });
  });

  it('fails permanently with 21610 when the recipient opted out, without quoting the number', async () => {
    fake.optOut(client);
    const error = await sendError(
      provider().send({ from: firm, to: client, body: 'hi', idempotencyKey: 'job-8' }),
    );
    expect(error).toMatchObject({
      failure: 'opted-out',
      retryable: false,
      details: { httpStatus: 400, providerCode: '21610' },
    });
    expect(error.message).not.toContain('0143');
  });

  it('fails permanently with invalid-number on 21211, without quoting the number', async () => {
    const error = await sendError(
      provider().send({ from: firm, to: '+1202', body: 'hi', idempotencyKey: 'job-9' }),
    );
    expect(error).toMatchObject({
      failure: 'invalid-number',
      retryable: false,
      details: { providerCode: '21211' },
    });
    expect(error.message).not.toContain('+1202');
  });

  it('fails permanently with rejected on any other 4xx', async () => {
    fake.respondNext({
      status: 400,
      body: { code: 21408, message: 'Permission to send an SMS has not been enabled' },
    });
    const error = await sendError(
      provider().send({ from: firm, to: client, body: 'hi', idempotencyKey: 'job-10' }),
    );
    expect(error).toMatchObject({
      failure: 'rejected',
      retryable: false,
      details: { providerCode: '21408' },
    });
  });

  it('fails retryably when rate limited, passing on Retry-After', async () => {
    fake.respondNext({
      status: 429,
      body: { code: 20429, message: 'Too Many Requests', status: 429 },
      headers: { 'retry-after': '7' },
    });
    const error = await sendError(
      provider().send({ from: firm, to: client, body: 'hi', idempotencyKey: 'job-11' }),
    );
    expect(error).toMatchObject({
      failure: 'rate-limited',
      retryable: true,
      details: { httpStatus: 429, providerCode: '20429', retryAfterSeconds: 7 },
    });
  });

  it('fails retryably when Twilio accepts but answers without a sid', async () => {
    fake.respondNext({ status: 201, body: { status: 'queued' } });
    const error = await sendError(
      provider().send({ from: firm, to: client, body: 'hi', idempotencyKey: 'job-12' }),
    );
    expect(error).toMatchObject({ failure: 'provider-unavailable', retryable: true });
  });

  it('fails retryably when Twilio cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await sendError(
      provider({ baseUrl: `http://127.0.0.1:${port}` }).send({
        from: firm,
        to: client,
        body: 'hi',
        idempotencyKey: 'job-13',
      }),
    );
    expect(error).toMatchObject({ failure: 'network', retryable: true });
  });

  it('fails retryably when Twilio does not answer in time', async () => {
    fake.respondNext({ hang: true });
    const error = await sendError(
      provider({ timeoutMs: 100 }).send({ from: firm, to: client, body: 'hi', idempotencyKey: 'job-14' }),
    );
    expect(error).toMatchObject({ failure: 'network', retryable: true });
  });

  it('maps Twilio’s status at acceptance and falls back to its own segment count', async () => {
    fake.respondNext({ status: 201, body: { sid: 'SMabc', status: 'accepted' } });
    const result = await provider().send({
      from: firm,
      to: client,
      body: '😀'.repeat(36),
      idempotencyKey: 'job-15',
    });
    expect(result).toEqual({ providerId: 'SMabc', status: 'queued', segments: 2 });
  });
});
