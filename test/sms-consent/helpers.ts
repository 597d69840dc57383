import { expect } from 'vitest';
import type { TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import {
  type Contact,
  type Conversation,
  type Firm,
  makeContact,
  makeConversation,
  makeFirm,
  makeMatter,
  type StaffUser,
} from '../support/factories';
import { waitFor } from '../support/wait';

/** A firm with one secure chat between its admin and a client, ready to text. */
export interface Setup {
  firm: Firm;
  admin: StaffUser;
  contact: Contact;
  thread: Conversation;
}

export async function setupThread(t: TestApp, messages: string[] = []): Promise<Setup> {
  const firm = await makeFirm(t);
  const admin = firm.admin;
  const contact = await makeContact(admin);
  const matter = await makeMatter(admin, { contacts: [contact] });
  const thread = await makeConversation(admin, matter, contact, { messages });
  return { firm, admin, contact, thread };
}

/** Plays the client texting the firm number (POST /dev/sms/inbound); answers the outcome. */
export async function text(c: TestClient, from: string, to: string, body: string, id?: string) {
  const r = await c.post('/dev/sms/inbound', { from, to, body, ...(id ? { id } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Texts the simulated phone received from the firm number. */
export async function received(c: TestClient, phone: string, from?: string): Promise<any[]> {
  const r = await c.get(`/dev/sms/outbox?to=${encodeURIComponent(phone)}`);
  expect(r.status).toBe(200);
  return r.body.items.filter((m: { from: string }) => !from || m.from === from);
}

/** Waits until the phone received `count` texts matching `pattern`, and answers them. */
export async function receivedMatching(c: TestClient, phone: string, pattern: RegExp, count = 1) {
  return waitFor(async () => {
    const items = (await received(c, phone)).filter((m) => pattern.test(m.body));
    return items.length >= count && items;
  }, `${count} text(s) matching ${pattern}`);
}

/** The ledger rows of a pair, oldest first. */
export async function ledgerOf(t: TestApp, phone: string, firmPhone: string) {
  return t.database.query<{
    state: string;
    cause: string;
    keyword: string | null;
    message_id: string | null;
    by_user_id: string | null;
  }>(
    'select state, cause, keyword, message_id, by_user_id from sms_consent_ledger where phone = $1 and firm_phone = $2 order by at, id',
    [phone, firmPhone],
  );
}

/** Every job of the outbox sent (or pending) to a phone, the consent replies by name. */
export async function jobsTo(t: TestApp, phone: string) {
  return t.database.query<{ payload: any; status: string; idempotency_key: string }>(
    `select payload, status, idempotency_key from outbox where payload->>'to' = $1 order by created_at, id`,
    [phone],
  );
}

/** Lets the relay drain: every outbox job to the phone no longer pending. */
export async function drained(t: TestApp, phone: string) {
  await waitFor(async () => (await jobsTo(t, phone)).every((j) => j.status !== 'pending'), 'outbox drained');
}
