import { expect } from 'vitest';
import type { TestApp } from './app';
import type { Answer, TestClient } from './client';

/** Tables a directory request may write to. */
const TABLES = [
  'users',
  'staff_logins',
  'teams',
  'team_members',
  'contacts',
  'contact_phones',
  'contact_emails',
  'matters',
  'matter_assignees',
  'matter_contacts',
  'audit_log',
] as const;

/** Row count of every directory table (and the audit log). */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = row?.n ?? -1;
  }
  return counts;
}

/** Sends a request that must fail with 400 naming `field`, and checks that nothing was written. */
export async function expectInvalid(t: TestApp, field: string, send: () => Promise<Answer>) {
  const before = await rowCounts(t);
  const r = await send();
  expect(r.status, `${field}: ${JSON.stringify(r.body)}`).toBe(400);
  expect(r.body.type).toBe('/problems/validation');
  expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await rowCounts(t)).toEqual(before);
  return r;
}

/** Sends a request that must fail with the status given, and checks that nothing was written. */
export async function expectRefused(t: TestApp, status: number, send: () => Promise<Answer>) {
  const before = await rowCounts(t);
  const r = await send();
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(await rowCounts(t)).toEqual(before);
  return r;
}

/** Id of a staff user found by e-mail through the API. */
export async function userIdOf(c: TestClient, email: string): Promise<string> {
  const r = await c.get(`/api/v1/users?q=${encodeURIComponent(email)}`);
  const found = r.body.items.find((u: { email: string }) => u.email === email);
  if (!found) throw new Error(`no user ${email}`);
  return found.id;
}

/** Every item of a list endpoint, following nextCursor page by page. */
export async function allPages(c: TestClient, path: string, limit: number) {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r: Answer = await c.get(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { items, pages };
}

/** Audit entries about one target with the given action, oldest first. */
export async function auditOf(t: TestApp, targetId: string, action: string) {
  return t.database.query<{ action: string; actor_id: string | null; details: any }>(
    'select action, actor_id, details from audit_log where target_id = $1 and action = $2 order by seq',
    [targetId, action],
  );
}

/** A UUID that names nothing. */
export const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
