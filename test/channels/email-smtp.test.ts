import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { activationLinkIn, contactIdByName } from '../portal-invitations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { waitFor } from '../support/wait';

// MAIL_TRANSPORT=smtp against a real SMTP server on loopback: the invitation leaves through the
// outbox, from MAIL_FROM with the job's Message-ID, and a 4xx answer is retried until accepted.

/** One DATA the server answered, with its headers unfolded and lower-cased by name. */
interface Received {
  envelopeTo: string[];
  headers: Record<string, string>;
  body: string;
  accepted: boolean;
}

const received: Received[] = [];
/** Answers DATA with these reply codes in turn (then accepts). */
const refusals: number[] = [];

function parse(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(split + 4) };
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const refusal = refusals.shift();
      received.push({
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        ...parse(Buffer.concat(chunks).toString('utf8')),
        accepted: refusal === undefined,
      });
      if (refusal === undefined) return callback();
      callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: refusal }));
    });
  },
});

let t: TestApp;
let staff: TestClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await startTestApp({
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'Demo Law LLP <notices@demo-law.test>',
    PUBLIC_URL: 'https://portal.demo-law.test',
  });
  staff = await t.signIn(demoLogins.attorney1);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});
afterEach(() => {
  received.length = 0;
  refusals.length = 0;
});

async function emailJob() {
  const [row] = await t.database.query<{ status: string; attempts: number; last_error: string | null }>(
    "select status, attempts, last_error from outbox where topic = 'email.send' order by id desc limit 1",
  );
  return row;
}

async function invite(name: string, address: string) {
  const created = await staff.post('/api/v1/contacts', { name, emails: [{ address }] });
  expect(created.status).toBe(201);
  const r = await staff.post(`/api/v1/contacts/${created.body.id}/portal-invitation`, {});
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

describe('SMTP transport', () => {
  it('delivers the invitation from MAIL_FROM to the contact with the job’s Message-ID and a PUBLIC_URL link', async () => {
    const johnId = await contactIdByName(staff, 'John Smith');
    expect((await staff.post(`/api/v1/contacts/${johnId}/portal-invitation`, {})).status).toBe(201);
    const mail = await waitFor(() => received.find((m) => m.accepted), 'the e-mail');
    expect(mail.envelopeTo).toEqual(['john.smith@example.com']);
    expect(mail.headers.from).toBe('Demo Law LLP <notices@demo-law.test>');
    expect(mail.headers.to).toBe('john.smith@example.com');
    expect(mail.headers.subject).toBe('Your secure client portal at Demo Law LLP');
    expect(mail.headers['message-id']).toMatch(/^<portal-invitation-[0-9a-f-]+@demo-law\.test>$/);
    expect(mail.headers['content-type']).toContain('multipart/alternative');
    expect(mail.body).toContain('https://portal.demo-law.test/portal/activate?token=');
    expect(
      await waitFor(async () => ((await emailJob())?.status === 'sent' ? true : undefined), 'sent'),
    ).toBe(true);
    // GET /dev/mail exists only with the dev mailbox.
    expect((await t.client().get('/dev/mail')).status).toBe(404);
  });

  it('retries after a 4xx answer and sends the e-mail once, with the same Message-ID', async () => {
    refusals.push(451);
    await invite('Busy Mailbox', 'busy@example.com');
    const accepted = await waitFor(() => received.find((m) => m.accepted), 'the accepted e-mail');
    expect(received).toHaveLength(2);
    const [refused] = received;
    expect(refused?.accepted).toBe(false);
    expect(refused?.headers['message-id']).toBe(accepted.headers['message-id']);
    const job = await waitFor(async () => {
      const row = await emailJob();
      return row?.status === 'sent' ? row : undefined;
    }, 'the job to be recorded sent');
    expect(job.attempts).toBe(2);
    expect(received.filter((m) => m.accepted)).toHaveLength(1);
    const link = activationLinkIn(accepted.body.replace(/=\r\n/g, '').replace(/=3D/g, '='));
    expect(link).toContain('https://portal.demo-law.test/portal/activate?token=');
  });

  it('gives up at once on a 5xx refusal, keeping no address or content in the error', async () => {
    refusals.push(550);
    await invite('Gone Mailbox', 'gone@example.com');
    const job = await waitFor(async () => {
      const row = await emailJob();
      return row?.status === 'dead' ? row : undefined;
    }, 'the job to be dead-lettered');
    expect(job.attempts).toBe(1);
    expect(job.last_error).toContain('550');
    expect(job.last_error).not.toContain('gone@example.com');
    expect(received).toHaveLength(1);
  });
});
