import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirm } from '../server/features/users/create-firm';
import { insertUser } from '../server/features/users/create-user';
import { recordAudit, verifyAudit } from '../server/platform/audit/audit-log';
import { startTestApp, type TestApp } from './support/app';
import type { TestClient } from './support/client';

let t: TestApp;
let admin: TestClient;
let adminId: string;
let firmId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('admin@demo.parley.test');
  const me = await admin.get('/api/v1/me');
  adminId = me.body.user.id;
  firmId = me.body.user.firmId;
});
afterAll(() => t.close());

/** Every entry of the firm as the API lists it, newest first. */
async function allEntries(client: TestClient, query = ''): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const r: any = await client.get(
      `/api/v1/audit?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(r.status).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor);
  return items;
}

describe('GET /api/v1/audit', () => {
  it('lists the firm’s entries newest first with their hashes', async () => {
    const r = await admin.get('/api/v1/audit');
    expect(r.status).toBe(200);
    const seqs = r.body.items.map((e: any) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const created = (await allEntries(admin)).find((e) => e.action === 'firm.created');
    expect(created).toMatchObject({
      seq: 1,
      actorType: 'system',
      targetType: 'firm',
      targetId: firmId,
      prevHash: '0'.repeat(64),
    });
    expect(created.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(created).sort()).toEqual(
      [
        'action',
        'actorId',
        'actorType',
        'at',
        'details',
        'hash',
        'id',
        'ip',
        'prevHash',
        'seq',
        'targetId',
        'targetType',
      ].sort(),
    );
  });

  it('pages by cursor without gaps or repeats', async () => {
    const all = await allEntries(admin);
    const first = await admin.get('/api/v1/audit?limit=3');
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin.get(`/api/v1/audit?limit=3&cursor=${first.body.nextCursor}`);
    const seqs = [...first.body.items, ...second.body.items].map((e: any) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)]);
    expect(seqs.at(-1)).toBe((seqs[0] as number) - 5);
    expect(all.at(-1).seq).toBe(1);
  });

  it('filters by action and time', async () => {
    const users = await allEntries(admin, '&action=user.created');
    expect(users.length).toBeGreaterThanOrEqual(5);
    expect(users.every((e) => e.action === 'user.created')).toBe(true);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await admin.get(`/api/v1/audit?from=${future}`)).body.items).toEqual([]);
    const past = (await admin.get(`/api/v1/audit?to=${users[0].at}&action=user.created`)).body.items;
    expect(past.map((e: any) => e.id)).toContain(users[0].id);
  });

  it('records each read of the log as an audit.read entry', async () => {
    await admin.get('/api/v1/audit?action=firm.created');
    const reads = (await admin.get('/api/v1/audit?action=audit.read&limit=5')).body.items;
    expect(reads[0]).toMatchObject({
      action: 'audit.read',
      actorType: 'user',
      actorId: adminId,
      details: { action: 'firm.created', returned: 1 },
    });
    expect(reads[0].ip).toEqual(expect.any(String));
  });

  it('answers 400 naming the bad parameter', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'query.from'],
      ['limit=0', 'query.limit'],
      ['limit=201', 'query.limit'],
      ['cursor=not-a-cursor', 'query.cursor'],
      [`cursor=${Buffer.from('["-1"]').toString('base64url')}`, 'query.cursor'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'query.to'],
    ]) {
      const r = await admin.get(`/api/v1/audit?${query}`);
      expect(r.status, query).toBe(400);
      expect(
        r.body.errors.map((e: any) => e.field),
        query,
      ).toContain(field);
    }
  });

  it('is for administrators and holders of audit.read only', async () => {
    expect((await t.client().get('/api/v1/audit')).status).toBe(401);
    expect((await t.client().get('/api/v1/audit/verify')).status).toBe(401);
    const attorney = await t.signIn('attorney1@demo.parley.test');
    expect((await attorney.get('/api/v1/audit')).status).toBe(403);
    expect((await attorney.get('/api/v1/audit/verify')).status).toBe(403);

    const password = 'auditor-password-123';
    await t.deps.db.transaction((tx) =>
      insertUser(
        tx,
        firmId,
        {
          email: 'auditor@demo.parley.test',
          name: 'Ada Auditor',
          role: 'staff',
          password,
          permissions: ['audit.read'],
        },
        { actorType: 'system' },
      ),
    );
    const auditor = await t.signIn('auditor@demo.parley.test', password);
    expect((await auditor.get('/api/v1/audit')).status).toBe(200);
    expect((await auditor.get('/api/v1/audit/verify')).body.ok).toBe(true);
  });

  it('never shows another firm’s entries', async () => {
    const password = 'other-firm-password-1';
    const other = await createFirm(t.deps, {
      name: 'Other & Partners',
      admin: { email: 'admin@other.parley.test', name: 'Olive Other', password },
    });
    const otherAdmin = await t.signIn('admin@other.parley.test', password);
    const theirs = await allEntries(otherAdmin);
    expect(theirs.map((e) => e.action)).toContain('firm.created');
    expect(theirs.find((e) => e.action === 'firm.created').targetId).toBe(other.firmId);
    const ours = new Set((await allEntries(admin)).map((e) => e.id));
    expect(theirs.some((e) => ours.has(e.id))).toBe(false);
  });
});

describe('GET /api/v1/audit/verify', () => {
  it('verifies the intact chain and records the verification', async () => {
    const r = await admin.get('/api/v1/audit/verify');
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.entries).toBeGreaterThan(5);
    expect(r.body.firstBadEntryId).toBeUndefined();
    const [latest] = (await admin.get('/api/v1/audit?limit=1')).body.items;
    expect(latest).toMatchObject({
      action: 'audit.verified',
      actorId: adminId,
      details: { ok: true, entries: r.body.entries },
    });
  });

  it('refuses a plain UPDATE of an entry', async () => {
    await expect(
      t.database.query(`UPDATE audit_log SET details = '{"x":1}' WHERE firm_id = $1 AND seq = 2`, [firmId]),
    ).rejects.toThrow(/append-only/);
    expect((await admin.get('/api/v1/audit/verify')).body.ok).toBe(true);
  });

  it('names exactly the entry that was edited behind the trigger’s back', async () => {
    const [victim] = await t.database.query<{ id: string }>(
      `SELECT id FROM audit_log WHERE firm_id = $1 AND action = 'user.created' ORDER BY seq LIMIT 1 OFFSET 2`,
      [firmId],
    );
    await t.database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await t.database.query(`UPDATE audit_log SET details = '{"x":1}' WHERE firm_id = $1 AND id = $2`, [
      firmId,
      victim!.id,
    ]);
    await t.database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');

    const r = await admin.get('/api/v1/audit/verify');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: false, firstBadEntryId: victim!.id, problem: 'bad-entry' });
    const [latest] = (await admin.get('/api/v1/audit?limit=1')).body.items;
    expect(latest).toMatchObject({
      action: 'audit.verified',
      details: { ok: false, firstBadEntryId: victim!.id },
    });

    // Other firms' chains are their own.
    const otherAdmin = await t.signIn('admin@other.parley.test', 'other-firm-password-1');
    expect((await otherAdmin.get('/api/v1/audit/verify')).body.ok).toBe(true);
  });
});

describe('appends on this test run’s engine', () => {
  // On PostgreSQL the appends run on separate connections, so the head's row lock is what keeps the
  // chain whole; a firm without a head yet makes the first appends race to create it.
  it('keep one unbroken chain when many run at once, from a firm’s first entry on', async () => {
    const fresh = (await t.database.query<{ id: string }>('SELECT gen_random_uuid() AS id'))[0]!.id;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        recordAudit(t.database.db, {
          firmId: fresh,
          actorType: 'system',
          action: 'test.append',
          details: { i },
        }),
      ),
    );
    expect(await verifyAudit(t.database.db, fresh)).toEqual({
      ok: true,
      entries: 30,
      lastSeq: 30,
      headSeq: 30,
    });
  });
});
