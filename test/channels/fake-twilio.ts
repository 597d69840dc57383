import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SegmentedMessage } from 'sms-segments-calculator';

// A local stand-in for Twilio's Messages API on loopback, strict about what the real one checks
// (Basic auth, account path, form fields) and able to play its failures. It also plays Twilio's side of
// webhooks: signed inbound texts and status callbacks, signed here independently of Parley's verifier.

/** One POST the fake received, as it arrived. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  form: Record<string, string>;
}

/** A text the fake accepted (once per idempotency token). */
export interface FakeMessage {
  sid: string;
  to: string;
  from: string | null;
  body: string;
  messagingServiceSid: string | null;
  statusCallback: string | null;
  idempotencyToken: string | null;
  numSegments: number;
}

/** An answer to play instead of the normal one; `hang` never answers (for timeouts). */
export type ScriptedResponse =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true };

export interface FakeTwilio {
  /** Give this to the adapter as its base URL. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Every request, in order, including refused ones. */
  requests: RecordedRequest[];
  /** Accepted texts, in order, each once. */
  messages: FakeMessage[];
  /** Plays these answers to the next authenticated sends, in order. */
  respondNext(...responses: ScriptedResponse[]): void;
  /** Texts to this number get 400 with error 21610, as after the recipient replied STOP. */
  optOut(number: string): void;
  /** POSTs a form to `url` signed with X-Twilio-Signature as Twilio would. */
  postSigned(url: string, params: Record<string, string>): Promise<Response>;
  /** Reports a status of an accepted text to its StatusCallback, signed. */
  sendStatus(sid: string, status: string, errorCode?: string): Promise<Response>;
  close(): Promise<void>;
}

/** Twilio's webhook signature, written out independently of server/channels/sms/twilio.ts. */
export function twilioSign(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a fake Twilio on 127.0.0.1 and a free port. */
export async function startFakeTwilio(
  options: { accountSid?: string; authToken?: string } = {},
): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const requests: RecordedRequest[] = [];
  const messages: FakeMessage[] = [];
  const scripted: ScriptedResponse[] = [];
  const optedOut = new Set<string>();
  const byToken = new Map<string, FakeMessage>();
  const hanging = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const form = Object.fromEntries(new URLSearchParams(raw));
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form });

    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      return twilioError(res, 404, 20404, 'The requested resource was not found');
    }
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      return twilioError(res, 401, 20003, 'Authentication Error - invalid username');
    }
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return twilioError(res, 400, 20001, 'Unsupported content type');
    }
    const next = scripted.shift();
    if (next) {
      if ('hang' in next) {
        hanging.add(res);
        return;
      }
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(typeof next.body === 'string' ? next.body : JSON.stringify(next.body ?? {}));
      return;
    }
    const token = req.headers['i-twilio-idempotency-token'];
    const idempotencyToken = typeof token === 'string' ? token : null;
    const known = idempotencyToken ? byToken.get(idempotencyToken) : undefined;
    if (!known) {
      if (!form.To) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
      if (!form.From && !form.MessagingServiceSid) {
        return twilioError(res, 400, 21603, "A 'From' phone number is required.");
      }
      if (!form.Body) return twilioError(res, 400, 21602, 'Message body is required.');
      if (!/^\+[1-9]\d{6,14}$/.test(form.To)) {
        return twilioError(res, 400, 21211, `The 'To' number ${form.To} is not a valid phone number.`);
      }
      if (optedOut.has(form.To))
        return twilioError(res, 400, 21610, 'Attempt to send to unsubscribed recipient');
    }
    const message: FakeMessage = known ?? {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to: form.To as string,
      from: form.From ?? null,
      body: form.Body as string,
      messagingServiceSid: form.MessagingServiceSid ?? null,
      statusCallback: form.StatusCallback ?? null,
      idempotencyToken,
      numSegments: new SegmentedMessage(form.Body as string).segmentsCount,
    };
    if (!known) {
      messages.push(message);
      if (idempotencyToken) byToken.set(idempotencyToken, message);
    }
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        account_sid: accountSid,
        api_version: '2010-04-01',
        body: message.body,
        date_created: new Date().toUTCString(),
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: message.from,
        messaging_service_sid: message.messagingServiceSid,
        num_media: '0',
        num_segments: String(message.numSegments),
        price: null,
        sid: message.sid,
        status: message.messagingServiceSid ? 'accepted' : 'queued',
        to: message.to,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  async function postSigned(url: string, params: Record<string, string>): Promise<Response> {
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSign(authToken, url, params),
        'i-twilio-idempotency-token': randomBytes(8).toString('hex'),
      },
      body: new URLSearchParams(params).toString(),
    });
  }

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    requests,
    messages,
    respondNext: (...responses) => {
      scripted.push(...responses);
    },
    optOut: (number) => {
      optedOut.add(number);
    },
    postSigned,
    sendStatus: async (sid, status, errorCode) => {
      const message = messages.find((m) => m.sid === sid);
      if (!message?.statusCallback) throw new Error(`no StatusCallback recorded for ${sid}`);
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        From: message.from ?? '',
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: message.to,
        ...(errorCode ? { ErrorCode: errorCode } : {}),
      };
      return postSigned(message.statusCallback, params);
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
