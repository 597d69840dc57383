import { expect } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import type { TestApp } from '../support/app';
import type { Answer, TestClient } from '../support/client';
import { waitFor } from '../support/wait';

/** An e-mail as GET /dev/mail lists it. */
export interface DevMailItem {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  at: string;
}

const mailReaders = new WeakMap<TestApp, Promise<TestClient>>();

/** A staff client of the demo firm, signed in once per app: the dev mailbox shows a firm only its own mail. */
export function demoMailReader(t: TestApp): Promise<TestClient> {
  let reader = mailReaders.get(t);
  if (!reader) {
    reader = t.signIn(demoLogins.admin);
    mailReaders.set(t, reader);
  }
  return reader;
}

/**
 * Polls the demo firm's dev mailbox until `count` e-mails to `to` arrived (the outbox relay sends them
 * after commit).
 */
export async function waitForMail(t: TestApp, to: string, count = 1): Promise<DevMailItem[]> {
  const c = await demoMailReader(t);
  return waitFor(async () => {
    const r = await c.get<{ items: DevMailItem[] }>(`/dev/mail?to=${encodeURIComponent(to)}`);
    if (r.status !== 200) throw new Error(`GET /dev/mail answered ${r.status}`);
    return r.body.items.length >= count && r.body.items;
  }, `${count} e-mail(s) to ${to}`);
}

/** The activation link in an e-mail's text. */
export function activationLinkIn(text: string): string {
  const match = /https?:\/\/\S+\/portal\/activate\?token=\S+/.exec(text);
  if (!match) throw new Error('the e-mail has no activation link');
  return match[0];
}

/** The token of an activation link. */
export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error('the link has no token');
  return token;
}

/** Id of a contact of the signed-in staff user's firm, found by name. */
export async function contactIdByName(c: TestClient, name: string): Promise<string> {
  const r = await c.get(`/api/v1/contacts?q=${encodeURIComponent(name)}`);
  const found = r.body.items.find((x: { name: string }) => x.name === name);
  if (!found) throw new Error(`no contact ${name}`);
  return found.id;
}

const TABLES = ['portal_invitations', 'portal_logins', 'outbox', 'audit_log', 'sessions'] as const;

/** Row counts of what an invitation or an activation writes, plus every contact's portal state. */
export async function snapshot(t: TestApp) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = row?.n ?? -1;
  }
  const contacts = await t.database.query<{
    id: string;
    portal_status: string;
    portal_password_hash: string;
  }>('select id, portal_status, portal_password_hash from contacts order by id');
  const used = await t.database.query<{ n: number }>(
    'select count(*)::int as n from portal_invitations where used_at is not null or revoked_at is not null',
  );
  return { counts, contacts, closedInvitations: used[0]?.n };
}

/** Sends a request that must fail with `status` (and, for 400, name `field`), and checks nothing was written. */
export async function expectNothingWritten(
  t: TestApp,
  status: number,
  send: () => Promise<Answer>,
  field?: string,
): Promise<Answer> {
  const before = await snapshot(t);
  const r = await send();
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await snapshot(t)).toEqual(before);
  return r;
}
