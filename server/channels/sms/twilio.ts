import { createHmac, timingSafeEqual } from 'node:crypto';
import { countSegments } from '../../../contracts/sms-segments';
import { normalizeE164 } from '../../platform/phone';
import {
  type DeliveryStatus,
  type DeliveryUpdate,
  type InboundMedia,
  type InboundSms,
  type OutboundSms,
  type SendResult,
  type SmsProvider,
  SmsSendError,
  type SmsSendFailure,
} from './port';

// Twilio Programmable Messaging over plain fetch: the official SDK pulls in axios and a dozen more
// packages for one POST and one HMAC.

/** Form fields of a Twilio webhook as a body parser delivers them (a repeated field becomes an array). */
export type TwilioParams = Record<string, string | string[] | undefined>;

/** The reply Twilio expects from a messaging webhook when Parley answers nothing by SMS. */
export const twimlEmptyResponse = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export interface TwilioOptions {
  /** Account SID (AC…), the user of HTTP Basic auth. */
  accountSid: string;
  /** Auth token: the Basic auth password and the key of webhook signatures. */
  authToken: string;
  /** Base URL of the REST API (config TWILIO_BASE_URL). */
  baseUrl: string;
  /** Messaging Service SID (MG…): sends through the service (its opt-out handling and callbacks) as well. */
  messagingServiceSid?: string;
  /** Give up waiting for Twilio after this long; the send is then retryable. */
  timeoutMs?: number;
  /** HTTP client (tests may wrap it). */
  fetch?: typeof fetch;
}

/** The Twilio adapter, with its webhook check bound to the account's auth token. */
export interface TwilioSmsProvider extends SmsProvider {
  readonly name: 'twilio';
  /** True when `signature` (X-Twilio-Signature) is Twilio's signature of `url` and `params`. */
  verifyWebhook(input: { url: string; params: TwilioParams; signature: string | null | undefined }): boolean;
}

// Twilio's message states folded into Parley's; receiving/received belong to inbound texts.
const twilioStatuses = new Map<string, DeliveryStatus>(
  Object.entries({
    accepted: 'queued',
    scheduled: 'queued',
    queued: 'queued',
    sending: 'sending',
    sent: 'sent',
    delivered: 'delivered',
    read: 'delivered',
    partially_delivered: 'undelivered',
    undelivered: 'undelivered',
    failed: 'failed',
    canceled: 'failed',
  } satisfies Record<string, DeliveryStatus>),
);

const invalidNumberCodes = new Set(['21211', '21401', '21612', '21614']);

function first(params: TwilioParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

function failureOf(httpStatus: number, code: string | undefined): SmsSendFailure {
  if (httpStatus === 429 || code === '20429') return 'rate-limited';
  if (httpStatus >= 500) return 'provider-unavailable';
  if (httpStatus === 401 || code === '20003') return 'provider-auth';
  if (code === '21610') return 'opted-out';
  if (code && invalidNumberCodes.has(code)) return 'invalid-number';
  if (httpStatus >= 400) return 'rejected';
  return 'provider-unavailable';
}

/** The SmsSendError for a Twilio error answer (`{ code, message, status }`). */
export function twilioSendError(
  httpStatus: number,
  payload: unknown,
  retryAfter: string | null,
): SmsSendError {
  const rawCode = (payload as { code?: unknown } | null)?.code;
  const code = typeof rawCode === 'number' || typeof rawCode === 'string' ? String(rawCode) : undefined;
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  // Twilio's own message often quotes the phone number, so it stays out of ours (errors reach logs).
  return new SmsSendError(
    failureOf(httpStatus, code),
    `Twilio answered HTTP ${httpStatus}${code ? ` with error ${code}` : ''}`,
    { providerCode: code, httpStatus, retryAfterSeconds: seconds },
  );
}

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Creates the Twilio adapter. */
export function createTwilioProvider(options: TwilioOptions): TwilioSmsProvider {
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = basicAuth(options.accountSid, options.authToken);

  return {
    name: 'twilio',

    async send(msg: OutboundSms): Promise<SendResult> {
      const form = new URLSearchParams({ To: msg.to, Body: msg.body });
      if (msg.from) form.set('From', msg.from);
      if (options.messagingServiceSid) form.set('MessagingServiceSid', options.messagingServiceSid);
      if (msg.statusCallbackUrl) form.set('StatusCallback', msg.statusCallbackUrl);
      let response: Response;
      let text: string;
      try {
        response = await fetchFn(endpoint, {
          method: 'POST',
          headers: {
            authorization,
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
            'I-Twilio-Idempotency-Token': msg.idempotencyKey,
          },
          body: form.toString(),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (err) {
        throw new SmsSendError('network', `Twilio could not be reached (${(err as Error)?.name ?? 'error'})`);
      }
      let payload: unknown = null;
      try {
        payload = JSON.parse(text);
      } catch {
        payload = null;
      }
      if (!response.ok) throw twilioSendError(response.status, payload, response.headers.get('retry-after'));
      const message = payload as { sid?: unknown; status?: unknown; num_segments?: unknown } | null;
      if (typeof message?.sid !== 'string' || message.sid === '') {
        // Accepted but unreadable: a retry with the same idempotency token is the safe way to learn the sid.
        throw new SmsSendError(
          'provider-unavailable',
          `Twilio answered HTTP ${response.status} without a sid`,
          {
            httpStatus: response.status,
          },
        );
      }
      const segments = Number.parseInt(String(message.num_segments ?? ''), 10);
      return {
        providerId: message.sid,
        status: twilioStatuses.get(String(message.status)) ?? 'queued',
        segments: Number.isInteger(segments) && segments > 0 ? segments : countSegments(msg.body),
      };
    },

    verifyWebhook({ url, params, signature }) {
      return verifyTwilioSignature({ authToken: options.authToken, url, params, signature });
    },
  };
}

/** Twilio's signature: base64 HMAC-SHA1, keyed by the auth token, of the URL followed by every name+value. */
function signatureOf(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value === undefined) continue;
    // A repeated field signs each distinct value once, in sorted order (as Twilio's SDKs do).
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const v of values) data += name + v;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

// Twilio signs the URL it called, which may or may not spell the default port; both spellings count.
function urlSpellings(url: string): string[] {
  const parsed = new URL(url);
  const withoutPort = new URL(url);
  withoutPort.port = '';
  const spellings = new Set([parsed.toString(), withoutPort.toString()]);
  if (!parsed.port) {
    const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
    const auth = parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
    spellings.add(
      `${parsed.protocol}//${auth}${parsed.host}:${defaultPort}${parsed.pathname}${parsed.search}${parsed.hash}`,
    );
  }
  return [...spellings];
}

/**
 * True when `signature` (the X-Twilio-Signature header) is Twilio's signature of the full webhook URL
 * (as Twilio called it, query included) and the POSTed form fields. Missing or malformed input is false.
 */
export function verifyTwilioSignature(input: {
  authToken: string;
  url: string;
  params: TwilioParams;
  signature: string | null | undefined;
}): boolean {
  if (!input.signature || !input.authToken) return false;
  let spellings: string[];
  try {
    spellings = urlSpellings(input.url);
  } catch {
    return false;
  }
  const given = Buffer.from(input.signature, 'utf8');
  let valid = false;
  for (const url of spellings) {
    const expected = Buffer.from(signatureOf(input.authToken, url, input.params), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given)) valid = true;
  }
  return valid;
}

/** Which kind of Twilio messaging webhook this is: a text from a client, or a delivery update of ours. */
export function twilioWebhookKind(params: TwilioParams): 'inbound' | 'status' | null {
  const status = first(params, 'MessageStatus') ?? first(params, 'SmsStatus');
  if (status === 'received' || status === 'receiving') return 'inbound';
  if (status !== undefined && twilioStatuses.has(status)) return 'status';
  if (first(params, 'Body') !== undefined) return 'inbound';
  return null;
}

function sidOf(params: TwilioParams): string | null {
  const sid = (first(params, 'MessageSid') ?? first(params, 'SmsSid') ?? '').trim();
  return sid !== '' && sid.length <= 64 ? sid : null;
}

/** The inbound text of a Twilio webhook, or null when it lacks a MessageSid or valid From/To numbers. */
export function parseTwilioInbound(params: TwilioParams, receivedAt: Date = new Date()): InboundSms | null {
  const providerId = sidOf(params);
  const from = normalizeE164(first(params, 'From') ?? '');
  const to = normalizeE164(first(params, 'To') ?? '');
  if (!providerId || !from || !to) return null;
  const count = Number.parseInt(first(params, 'NumMedia') ?? '0', 10);
  const media: InboundMedia[] = [];
  for (let i = 0; i < (Number.isInteger(count) ? Math.min(count, 10) : 0); i++) {
    const url = first(params, `MediaUrl${i}`);
    if (!url || !/^https?:\/\//i.test(url)) continue;
    media.push({ url, contentType: first(params, `MediaContentType${i}`) || null });
  }
  return { providerId, from, to, body: first(params, 'Body') ?? '', receivedAt, media };
}

/** The delivery update of a Twilio status callback, or null when it is not one (or lacks a MessageSid). */
export function parseTwilioStatus(params: TwilioParams): DeliveryUpdate | null {
  const providerId = sidOf(params);
  const status = twilioStatuses.get(first(params, 'MessageStatus') ?? first(params, 'SmsStatus') ?? '');
  if (!providerId || !status) return null;
  const errorCode = first(params, 'ErrorCode')?.trim();
  return errorCode ? { providerId, status, errorCode } : { providerId, status };
}
