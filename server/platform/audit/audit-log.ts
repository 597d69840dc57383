import { and, asc, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db, Executor, Tx } from '../db/client';
import { auditHeads, auditLog } from '../db/schema';
import type { Actor } from '../http/actor';
import { CHAIN_START, type ChainVerdict, hashEntry, verifyChain } from './chain';

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

/** The actor fields of an audit entry for a signed-in user or contact acting from address ip. */
export function auditActor(
  actor: Actor,
  ip?: string | null,
): Pick<AuditInput, 'firmId' | 'actorType' | 'actorId' | 'ip'> {
  return {
    firmId: actor.firmId,
    actorType: actor.kind,
    actorId: actor.kind === 'user' ? actor.userId : actor.contactId,
    ip: ip ?? null,
  };
}

/**
 * Appends an entry to the firm's chain inside the caller's transaction (so it commits with the change),
 * in two statements: lock the head, then write the entry with the new head.
 * A transaction, never the pool: the head's row lock below lasts until the transaction ends, and outside
 * one it would end with its own statement, letting two appends take the same seq.
 */
export async function recordAudit(tx: Tx, input: AuditInput, now: Date = new Date()): Promise<AuditEntry> {
  // Locks the firm's head row for the rest of the transaction, serialising appends per firm (the
  // (firm_id, seq) key backs it up), and returns the head the chain continues from, so entries cut off
  // the end leave a gap verify names. A firm's first append creates the head at the chain's start
  // (seq 0, the genesis hash); a concurrent first append waits on that insert, then locks the row.
  // The unchanged update is what takes the lock and makes RETURNING answer an existing head (migration
  // 0016 lets an unchanged head past the forward-only trigger); no advisory lock or second read needed.
  const [last] = await tx
    .insert(auditHeads)
    .values({ firmId: input.firmId, seq: CHAIN_START.nextSeq - 1, hash: CHAIN_START.prevHash })
    .onConflictDoUpdate({ target: auditHeads.firmId, set: { seq: sql`${auditHeads.seq}` } })
    .returning({ seq: auditHeads.seq, hash: auditHeads.hash });
  if (!last) throw new Error(`the audit head of firm ${input.firmId} was neither created nor locked`);
  const base = {
    firmId: input.firmId,
    seq: last.seq + 1,
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
    prevHash: last.hash,
  };
  const row = { ...base, hash: hashEntry(base) };
  // The entry and the head it moves to in one statement; the head exists, as the lock above made sure.
  const logged = tx.$with('logged').as(tx.insert(auditLog).values(row).returning({ seq: auditLog.seq }));
  await tx
    .with(logged)
    .update(auditHeads)
    .set({ seq: row.seq, hash: row.hash })
    .where(eq(auditHeads.firmId, row.firmId));
  return row;
}

/**
 * recordAudit for reads that may run in a transaction or on the pool: in the caller's transaction when
 * there is one (a transaction can roll back; the pool cannot), otherwise in one of its own.
 */
export function recordAuditIn(ex: Executor, input: AuditInput, now: Date = new Date()): Promise<AuditEntry> {
  return 'rollback' in ex ? recordAudit(ex, input, now) : ex.transaction((tx) => recordAudit(tx, input, now));
}

/** Appends in a transaction of its own (for events that change nothing else, like a failed login). */
export function recordAuditNow(db: Db, input: AuditInput): Promise<AuditEntry> {
  return db.transaction((tx) => recordAudit(tx, input));
}

/** Entries of a firm, newest first, optionally within [from, to] and of one action, paged by seq. */
export async function listAudit(
  db: Executor,
  firmId: string,
  q: { from?: Date; to?: Date; action?: string; beforeSeq?: number; limit: number },
): Promise<AuditEntry[]> {
  const conds = [eq(auditLog.firmId, firmId)];
  if (q.from) conds.push(gte(auditLog.at, q.from));
  if (q.to) conds.push(lte(auditLog.at, q.to));
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.beforeSeq !== undefined) conds.push(lt(auditLog.seq, q.beforeSeq));
  return db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit);
}

/** A verdict on a firm's stored chain; problem says what kind of damage was found. */
export interface AuditVerdict extends ChainVerdict {
  /**
   * bad-entry: firstBadEntryId does not link to its predecessor or does not match its hash;
   * truncated: entries after lastSeq were removed (the head says headSeq);
   * head-missing: entries exist but the head record was removed.
   */
  problem?: 'bad-entry' | 'truncated' | 'head-missing';
  /** Seq of the newest stored entry. */
  lastSeq?: number;
  /** Seq of the newest entry according to the head record. */
  headSeq?: number;
}

/**
 * Walks the firm's whole chain in pages and names the first entry that does not verify; then checks
 * the chain reaches the head recorded at append time, which catches entries cut off the end.
 */
export async function verifyAudit(db: Executor, firmId: string): Promise<AuditVerdict> {
  // The head is read first: entries appended while the walk runs only lengthen the chain past it.
  const [head] = await db
    .select({ seq: auditHeads.seq, hash: auditHeads.hash })
    .from(auditHeads)
    .where(eq(auditHeads.firmId, firmId));
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
      return {
        ok: false,
        entries: total + verdict.entries,
        firstBadEntryId: verdict.firstBadEntryId,
        problem: 'bad-entry',
      };
    // A chain rewritten consistently from some entry on still has to end at the recorded head hash.
    const atHead = head ? rows.find((r) => r.seq === head.seq) : undefined;
    if (head && atHead && atHead.hash !== head.hash)
      return {
        ok: false,
        entries: total + rows.indexOf(atHead) + 1,
        firstBadEntryId: atHead.id,
        problem: 'bad-entry',
      };
    total += rows.length;
    position = verdict.position;
    if (rows.length < pageSize) break;
  }
  const lastSeq = position.nextSeq - 1;
  if (!head)
    return total === 0
      ? { ok: true, entries: 0 }
      : { ok: false, entries: total, problem: 'head-missing', lastSeq };
  if (lastSeq < head.seq)
    return { ok: false, entries: total, problem: 'truncated', lastSeq, headSeq: head.seq };
  return { ok: true, entries: total, lastSeq, headSeq: head.seq };
}
