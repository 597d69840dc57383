import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTwilioProvider,
  parseTwilioInbound,
  parseTwilioStatus,
  twilioWebhookKind,
  twimlEmptyResponse,
  verifyTwilioSignature,
} from '../../server/channels/sms/twilio';
import { type FakeTwilio, startFakeTwilio, twilioSign } from './fake-twilio';

const authToken = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
const url = 'https://parley.example/webhooks/sms/twilio';
const inbound = {
  ToCountry: 'US',
  SmsMessageSid: 'SM0123456789abcdef0123456789abcdef',
  NumMedia: '0',
  SmsSid: 'SM0123456789abcdef0123456789abcdef',
  SmsStatus: 'received',
  Body: 'Hello, is my hearing still on Friday?',
  To: '+12025550100',
  NumSegments: '1',
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+12025550143',
  ApiVersion: '2010-04-01',
};

describe('verifyTwilioSignature', () => {
  it('accepts Twilio’s published example signatures', () => {
    const example = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675310',
      Digits: '1234',
      From: '+14158675310',
      To: '+18005551212',
    };
    const signature = 'GvWf1cFY/Q7PnoempGyD5oXAezc=';
    expect(verifyTwilioSignature({ authToken: '12345', url: example, params, signature })).toBe(true);
    expect(
      verifyTwilioSignature({
        authToken: '12345',
        url: example,
        params: { ...params, Caller: '+14158675309', From: '+14158675309' },
        signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
      }),
    ).toBe(true);
  });

  it('accepts a signature computed independently with node:crypto', () => {
    const signature = twilioSign(authToken, url, inbound);
    expect(verifyTwilioSignature({ authToken, url, params: inbound, signature })).toBe(true);
  });

  it('refuses a missing or empty signature', () => {
    expect(verifyTwilioSignature({ authToken, url, params: inbound, signature: undefined })).toBe(false);
    expect(verifyTwilioSignature({ authToken, url, params: inbound, signature: null })).toBe(false);
    expect(verifyTwilioSignature({ authToken, url, params: inbound, signature: '' })).toBe(false);
  });

  it('refuses a signature made with another auth token, or garbage', () => {
    const signature = twilioSign('another-token', url, inbound);
    expect(verifyTwilioSignature({ authToken, url, params: inbound, signature })).toBe(false);
    expect(verifyTwilioSignature({ authToken, url, params: inbound, signature: 'not base64 at all' })).toBe(
      false,
    );
  });

  it('refuses tampered, added or removed parameters', () => {
    const signature = twilioSign(authToken, url, inbound);
    const { Body: _dropped, ...withoutBody } = inbound;
    for (const params of [
      { ...inbound, Body: 'STOP' },
      { ...inbound, From: '+12025550199' },
      { ...inbound, Extra: '1' },
      withoutBody,
    ]) {
      expect(verifyTwilioSignature({ authToken, url, params, signature })).toBe(false);
    }
  });

  it('refuses the signature of another URL (path, query, scheme)', () => {
    const signature = twilioSign(authToken, url, inbound);
    for (const other of [
      `${url}?x=1`,
      'https://parley.example/webhooks/sms/other',
      url.replace('https', 'http'),
    ]) {
      expect(verifyTwilioSignature({ authToken, url: other, params: inbound, signature })).toBe(false);
    }
    expect(verifyTwilioSignature({ authToken, url: 'not a url', params: inbound, signature })).toBe(false);
  });

  it('accepts the URL with or without its default port, as Twilio signs either', () => {
    const withPort = 'https://parley.example:443/webhooks/sms/twilio';
    expect(
      verifyTwilioSignature({
        authToken,
        url,
        params: inbound,
        signature: twilioSign(authToken, withPort, inbound),
      }),
    ).toBe(true);
    expect(
      verifyTwilioSignature({
        authToken,
        url: withPort,
        params: inbound,
        signature: twilioSign(authToken, url, inbound),
      }),
    ).toBe(true);
  });

  it('signs a repeated field with each of its values in order', () => {
    const params = { Body: 'hi', Tag: ['b', 'a'] };
    const signature = createHmac('sha1', authToken).update(`${url}BodyhiTagaTagb`).digest('base64');
    expect(verifyTwilioSignature({ authToken, url, params, signature })).toBe(true);
  });

  it('is what the adapter checks with its own auth token', () => {
    const twilio = createTwilioProvider({ accountSid: 'AC1', authToken, baseUrl: 'http://127.0.0.1:1' });
    const signature = twilioSign(authToken, url, inbound);
    expect(twilio.verifyWebhook({ url, params: inbound, signature })).toBe(true);
    expect(twilio.verifyWebhook({ url, params: { ...inbound, Body: 'x' }, signature })).toBe(false);
  });
});

describe('webhooks from the fake Twilio over HTTP', () => {
  let fake: FakeTwilio;
  let server: ReturnType<typeof createServer>;
  let hookUrl: string;
  const received: { signature: string | undefined; params: Record<string, string> }[] = [];

  async function form(req: IncomingMessage): Promise<Record<string, string>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  }

  beforeAll(async () => {
    fake = await startFakeTwilio();
    server = createServer(async (req, res) => {
      received.push({
        signature: req.headers['x-twilio-signature'] as string | undefined,
        params: await form(req),
      });
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(twimlEmptyResponse);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sms/twilio`;
  });
  afterAll(async () => {
    await fake.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers a signed inbound text and a signed status callback that verify and parse', async () => {
    const response = await fake.postSigned(hookUrl, inbound);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const twilio = createTwilioProvider({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      baseUrl: fake.baseUrl,
    });
    const sent = await twilio.send({
      from: '+12025550100',
      to: '+12025550143',
      body: 'See you Friday',
      idempotencyKey: 'k',
      statusCallbackUrl: hookUrl,
    });
    await fake.sendStatus(sent.providerId, 'undelivered', '30003');

    const [text, status] = received;
    expect(twilio.verifyWebhook({ url: hookUrl, params: text!.params, signature: text!.signature })).toBe(
      true,
    );
    expect(twilioWebhookKind(text!.params)).toBe('inbound');
    expect(parseTwilioInbound(text!.params)?.body).toBe(inbound.Body);
    expect(twilio.verifyWebhook({ url: hookUrl, params: status!.params, signature: status!.signature })).toBe(
      true,
    );
    expect(twilioWebhookKind(status!.params)).toBe('status');
    expect(parseTwilioStatus(status!.params)).toEqual({
      providerId: sent.providerId,
      status: 'undelivered',
      errorCode: '30003',
    });
  });
});

describe('parseTwilioInbound', () => {
  it('normalises an inbound text', () => {
    const at = new Date('2025-06-01T12:00:00Z');
    expect(parseTwilioInbound(inbound, at)).toEqual({
      providerId: 'SM0123456789abcdef0123456789abcdef',
      from: '+12025550143',
      to: '+12025550100',
      body: 'Hello, is my hearing still on Friday?',
      receivedAt: at,
      media: [],
    });
  });

  it('collects MMS media in order and skips what is not an http(s) URL', () => {
    const parsed = parseTwilioInbound({
      ...inbound,
      Body: '',
      NumMedia: '3',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'javascript:alert(1)',
      MediaContentType1: 'text/html',
      MediaUrl2: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2',
    });
    expect(parsed?.body).toBe('');
    expect(parsed?.media).toEqual([
      {
        url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
        contentType: 'image/jpeg',
      },
      { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2', contentType: null },
    ]);
  });

  it('ignores a NumMedia that is not a number', () => {
    expect(
      parseTwilioInbound({ ...inbound, NumMedia: 'lots', MediaUrl0: 'https://x.example/a' })?.media,
    ).toEqual([]);
  });

  it('takes the first value of a repeated field', () => {
    expect(parseTwilioInbound({ ...inbound, Body: ['first', 'second'] })?.body).toBe('first');
  });

  it('normalises numbers to E.164', () => {
    expect(parseTwilioInbound({ ...inbound, From: '+1 (202) 555-0143' })?.from).toBe('+12025550143');
  });

  it('refuses a text without a MessageSid or with numbers that are not phone numbers', () => {
    const { MessageSid: _m, SmsSid: _s, ...withoutSid } = inbound;
    expect(parseTwilioInbound(withoutSid)).toBeNull();
    expect(parseTwilioInbound({ ...inbound, From: 'not a number' })).toBeNull();
    expect(parseTwilioInbound({ ...inbound, To: '' })).toBeNull();
  });
});

describe('parseTwilioStatus', () => {
  const callback = {
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    ApiVersion: '2010-04-01',
    From: '+12025550100',
    MessageSid: 'SMfedcba9876543210fedcba9876543210',
    SmsSid: 'SMfedcba9876543210fedcba9876543210',
    To: '+12025550143',
  };

  it.each([
    ['accepted', 'queued'],
    ['scheduled', 'queued'],
    ['queued', 'queued'],
    ['sending', 'sending'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
  ])('maps MessageStatus %s to %s', (twilioStatus, status) => {
    expect(parseTwilioStatus({ ...callback, MessageStatus: twilioStatus, SmsStatus: twilioStatus })).toEqual({
      providerId: callback.MessageSid,
      status,
    });
  });

  it('carries the error code of a failed delivery', () => {
    expect(parseTwilioStatus({ ...callback, MessageStatus: 'failed', ErrorCode: '30007' })).toEqual({
      providerId: callback.MessageSid,
      status: 'failed',
      errorCode: '30007',
    });
  });

  it('is null for inbound texts, unknown states and a missing MessageSid', () => {
    expect(parseTwilioStatus(inbound)).toBeNull();
    expect(parseTwilioStatus({ ...callback, MessageStatus: 'exploded' })).toBeNull();
    expect(parseTwilioStatus({ ...callback, MessageStatus: 'constructor' })).toBeNull();
    const { MessageSid: _m, SmsSid: _s, ...withoutSid } = callback;
    expect(parseTwilioStatus({ ...withoutSid, MessageStatus: 'sent' })).toBeNull();
  });
});

describe('twilioWebhookKind', () => {
  it('tells inbound texts from status callbacks', () => {
    expect(twilioWebhookKind(inbound)).toBe('inbound');
    expect(twilioWebhookKind({ MessageSid: 'SM1', Body: 'hi' })).toBe('inbound');
    expect(twilioWebhookKind({ MessageSid: 'SM1', MessageStatus: 'delivered' })).toBe('status');
    expect(twilioWebhookKind({ MessageSid: 'SM1' })).toBeNull();
    expect(twilioWebhookKind({ MessageSid: 'SM1', MessageStatus: 'toString' })).toBeNull();
  });
});
