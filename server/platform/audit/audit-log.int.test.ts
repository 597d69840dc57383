import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { openPglite } from '../db/pglite';
import { auditHeads, auditLog } from '../db/schema';
import { listAudit, recordAudit, verifyAudit } from './audit-log';
import { type ChainedEntry, GENESIS_HASH, hashEntry } from './chain';

let database: Database;

beforeAll(async () => {
  database = await openPglite({});
  await database.migrate();
});
afterAll(() => database.close());

/** A firm with n entries appended through recordAudit. */
async function firmWith(n: number, start = new Date('2026-01-01T00:00:00Z')) {
  const firmId = uuidv7();
  const entries = [];
  for (let i = 0; i < n; i++)
    entries.push(
      await database.db.transaction((tx) =>
        recordAudit(
          tx,
          {
            firmId,
            actorType: 'user',
            actorId: uuidv7(),
            action: i % 2 ? 'conversation.read' : 'message.created',
            targetType: 'conversation',
            targetId: uuidv7(),
            details: { i },
          },
          new Date(start.getTime() + i * 60_000),
        ),
      ),
    );
  return { firmId, entries };
}

/** Runs SQL with the append-only triggers switched off, as an attacker with table rights could. */
async function bypassingTriggers(sql: string, params: unknown[]) {
  await database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  await database.query('ALTER TABLE audit_heads DISABLE TRIGGER audit_heads_forward_only');
  try {
    await database.query(sql, params);
  } finally {
    await database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    await database.query('ALTER TABLE audit_heads ENABLE TRIGGER audit_heads_forward_only');
  }
}

describe('recordAudit', () => {
  it('numbers each firm’s chain from 1 and moves the head with every entry', async () => {
    const a = await firmWith(3);
    const b = await firmWith(2);
    expect(a.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(a.entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(a.entries[1]!.prevHash).toBe(a.entries[0]!.hash);
    expect(b.entries.map((e) => e.seq)).toEqual([1, 2]);
    const [head] = await database.db.select().from(auditHeads).where(eq(auditHeads.firmId, a.firmId));
    expect(head).toEqual({
      firmId: a.firmId,
      seq: 3,
      hash: a.entries[2]!.hash,
      prevHash: a.entries[1]!.hash,
    });
    expect(await verifyAudit(database.db, a.firmId)).toEqual({
      ok: true,
      entries: 3,
      lastSeq: 3,
      headSeq: 3,
    });
  });

  it('keeps one unbroken chain when appends run concurrently', async () => {
    const firmId = uuidv7();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(database.db, { firmId, actorType: 'system', action: 'test.append', details: { i } }),
      ),
    );
    expect(await verifyAudit(database.db, firmId)).toMatchObject({ ok: true, entries: 20 });
  });

  it('is not written when the surrounding transaction rolls back', async () => {
    const firmId = uuidv7();
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, { firmId, actorType: 'system', action: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await verifyAudit(database.db, firmId)).toEqual({ ok: true, entries: 0 });
  });
});

describe('the database keeps the log append-only', () => {
  it('refuses to update or delete entries', async () => {
    const { firmId } = await firmWith(1);
    await expect(
      database.query(`UPDATE audit_log SET details = '{"x":1}' WHERE firm_id = $1`, [firmId]),
    ).rejects.toThrow(/append-only/);
    await expect(database.query('DELETE FROM audit_log WHERE firm_id = $1', [firmId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses to move a head backwards or remove it', async () => {
    const { firmId } = await firmWith(2);
    await expect(
      database.query('UPDATE audit_heads SET seq = seq - 1 WHERE firm_id = $1', [firmId]),
    ).rejects.toThrow(/only moves forward/);
    await expect(database.query('DELETE FROM audit_heads WHERE firm_id = $1', [firmId])).rejects.toThrow(
      /only moves forward/,
    );
  });

  it('refuses another hash at the same seq, and lets an append’s lock rewrite the head unchanged', async () => {
    const { firmId } = await firmWith(2);
    await expect(
      database.query(`UPDATE audit_heads SET hash = repeat('f', 64) WHERE firm_id = $1`, [firmId]),
    ).rejects.toThrow(/only moves forward/);
    await database.query('UPDATE audit_heads SET seq = seq, hash = hash WHERE firm_id = $1', [firmId]);
    expect(await verifyAudit(database.db, firmId)).toMatchObject({ ok: true, entries: 2, headSeq: 2 });
  });
});

describe('verifyAudit', () => {
  it('names an entry edited behind the triggers’ back', async () => {
    const { firmId, entries } = await firmWith(4);
    await bypassingTriggers(`UPDATE audit_log SET details = '{"x":1}' WHERE firm_id = $1 AND seq = 2`, [
      firmId,
    ]);
    expect(await verifyAudit(database.db, firmId)).toEqual({
      ok: false,
      entries: 2,
      firstBadEntryId: entries[1]!.id,
      problem: 'bad-entry',
    });
  });

  it('notices entries cut off the end of the chain', async () => {
    const { firmId } = await firmWith(4);
    await bypassingTriggers('DELETE FROM audit_log WHERE firm_id = $1 AND seq >= 3', [firmId]);
    expect(await verifyAudit(database.db, firmId)).toEqual({
      ok: false,
      entries: 2,
      problem: 'truncated',
      lastSeq: 2,
      headSeq: 4,
    });
    // Later appends continue from the head, so the gap stays visible and is named.
    const next = await recordAudit(database.db, { firmId, actorType: 'system', action: 'test.after' });
    expect(next.seq).toBe(5);
    expect(await verifyAudit(database.db, firmId)).toMatchObject({
      ok: false,
      firstBadEntryId: next.id,
      problem: 'bad-entry',
    });
  });

  it('notices a last entry rewritten with a freshly computed hash', async () => {
    const { firmId, entries } = await firmWith(3);
    const last = entries[2]!;
    const forged: ChainedEntry = { ...last, details: { i: 'forged' } };
    await bypassingTriggers('UPDATE audit_log SET details = $2, hash = $3 WHERE firm_id = $1 AND seq = 3', [
      firmId,
      JSON.stringify(forged.details),
      hashEntry(forged),
    ]);
    expect(await verifyAudit(database.db, firmId)).toMatchObject({
      ok: false,
      firstBadEntryId: last.id,
      problem: 'bad-entry',
    });
  });

  it('notices a removed head', async () => {
    const { firmId } = await firmWith(2);
    await bypassingTriggers('DELETE FROM audit_heads WHERE firm_id = $1', [firmId]);
    expect(await verifyAudit(database.db, firmId)).toMatchObject({ ok: false, problem: 'head-missing' });
  });

  it('walks chains longer than one page and names a bad entry on a later page', async () => {
    const firmId = uuidv7();
    const rows = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 2100; seq++) {
      const base = {
        firmId,
        seq,
        id: uuidv7(),
        at: new Date(Date.UTC(2026, 0, 1) + seq * 1000),
        actorType: 'system',
        actorId: null,
        action: 'test.bulk',
        targetType: null,
        targetId: null,
        ip: null,
        details: { seq },
        prevHash,
      };
      const row = { ...base, hash: hashEntry(base) };
      rows.push(row);
      prevHash = row.hash;
    }
    for (let i = 0; i < rows.length; i += 500)
      await database.db.insert(auditLog).values(rows.slice(i, i + 500));
    await database.db.insert(auditHeads).values({ firmId, seq: 2100, hash: prevHash });
    expect(await verifyAudit(database.db, firmId)).toMatchObject({ ok: true, entries: 2100 });

    await bypassingTriggers(`UPDATE audit_log SET action = 'test.forged' WHERE firm_id = $1 AND seq = 1500`, [
      firmId,
    ]);
    expect(await verifyAudit(database.db, firmId)).toEqual({
      ok: false,
      entries: 1500,
      firstBadEntryId: rows[1499]!.id,
      problem: 'bad-entry',
    });
  });
});

describe('listAudit', () => {
  it('lists newest first, filtered by time and action, paged by seq', async () => {
    const { firmId } = await firmWith(6, new Date('2026-03-01T00:00:00Z'));
    const all = await listAudit(database.db, firmId, { limit: 50 });
    expect(all.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    const reads = await listAudit(database.db, firmId, { action: 'conversation.read', limit: 50 });
    expect(reads.map((e) => e.seq)).toEqual([6, 4, 2]);
    const page = await listAudit(database.db, firmId, { beforeSeq: 4, limit: 2 });
    expect(page.map((e) => e.seq)).toEqual([3, 2]);
    const window = await listAudit(database.db, firmId, {
      from: new Date('2026-03-01T00:01:00Z'),
      to: new Date('2026-03-01T00:03:00Z'),
      limit: 50,
    });
    expect(window.map((e) => e.seq)).toEqual([4, 3, 2]);
    const other = await listAudit(database.db, uuidv7(), { limit: 50 });
    expect(other).toEqual([]);
    const [one] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.firmId, firmId), eq(auditLog.seq, 1)));
    expect(all[5]).toEqual(one);
  });
});
