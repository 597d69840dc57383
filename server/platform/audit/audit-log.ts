import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db, Executor } from '../db/client';
import { auditLog } from '../db/schema';
import { CHAIN_START, type ChainVerdict, GENESIS_HASH, hashEntry, verifyChain } from './chain';

/** What happened, by whom, to what. Never put message content or secrets in details. */
export interface AuditInput {
  firmId: string;
  actorType: 'user' | 'contact' | 'system' | 'api_token' | 'anonymous';
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export type AuditEntry = typeof auditLog.$inferSelect;

/** Appends an entry to the firm's chain inside the caller's transaction (so it commits with the change). */
export async function recordAudit(
  tx: Executor,
  input: AuditInput,
  now: Date = new Date(),
): Promise<AuditEntry> {
  // Serialise appends per firm for the rest of the transaction; the (firm_id, seq) key backs it up.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${input.firmId}`}, 0))`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.firmId, input.firmId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const base = {
    firmId: input.firmId,
    seq: (last?.seq ?? 0) + 1,
    id: uuidv7(),
    // Millisecond precision survives the timestamptz round trip, so the hash verifies later.
    at: new Date(now.getTime()),
    actorType: input.actorType,
    actorId: input.actorId ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    ip: input.ip ?? null,
    details: input.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const row = { ...base, hash: hashEntry(base) };
  await tx.insert(auditLog).values(row);
  return row;
}

/** Appends in a transaction of its own (for events that change nothing else, like a failed login). */
export function recordAuditNow(db: Db, input: AuditInput): Promise<AuditEntry> {
  return db.transaction((tx) => recordAudit(tx, input));
}

/** Entries of a firm, newest first, optionally within [from, to], paged by seq. */
export async function listAudit(
  db: Executor,
  firmId: string,
  q: { from?: Date; to?: Date; beforeSeq?: number; limit: number },
): Promise<AuditEntry[]> {
  const conds = [eq(auditLog.firmId, firmId)];
  if (q.from) conds.push(gte(auditLog.at, q.from));
  if (q.to) conds.push(lte(auditLog.at, q.to));
  if (q.beforeSeq) conds.push(sql`${auditLog.seq} < ${q.beforeSeq}`);
  return db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit);
}

/** Walks the firm's whole chain in pages and names the first entry that does not verify. */
export async function verifyAudit(db: Executor, firmId: string): Promise<ChainVerdict> {
  const pageSize = 1000;
  let position = CHAIN_START;
  let total = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.firmId, firmId), gte(auditLog.seq, position.nextSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    const verdict = verifyChain(rows, position);
    if (!verdict.ok)
      return { ok: false, entries: total + verdict.entries, firstBadEntryId: verdict.firstBadEntryId };
    total += rows.length;
    if (rows.length < pageSize) return { ok: true, entries: total };
    position = verdict.position;
  }
}
