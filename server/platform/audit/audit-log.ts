import { and, asc, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/client';
import { auditHeads, auditLog } from '../db/schema';
import type { Actor } from '../http/actor';
import { CHAIN_START, type ChainVerdict, entryTextAround, hashEntry, verifyChain } from './chain';

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
 * Appends an entry to the firm's chain in one statement, so it commits with the caller's transaction
 * when given one, or on its own on the pool. The statement upserts the firm's head: a first append
 * creates it at seq 1 after the genesis hash; later ones lock the row (serialising appends per firm,
 * with the (firm_id, seq) key behind it), move it to seq + 1 with the hash the database computes
 * over the entry's text joined with the head's hash and seq (chain.ts entryTextAround), and keep the
 * hash they moved from. The entry is written from what the upsert returns, in the same statement, so
 * entries cut off the end still leave a gap that verify names.
 */
export async function recordAudit(
  ex: Executor,
  input: AuditInput,
  now: Date = new Date(),
): Promise<AuditEntry> {
  const entry = {
    firmId: input.firmId,
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
  };
  const first = { seq: CHAIN_START.nextSeq, prevHash: CHAIN_START.prevHash };
  const { before, between, after } = entryTextAround(entry);
  const result = await ex.execute<{ seq: number | string; prev_hash: string; hash: string }>(sql`
    with head as (
      insert into ${auditHeads} (firm_id, seq, hash, prev_hash)
      values (${entry.firmId}, ${first.seq}, ${hashEntry({ ...entry, ...first })}, ${first.prevHash})
      on conflict (firm_id) do update set
        seq = ${auditHeads}.seq + 1,
        prev_hash = ${auditHeads}.hash,
        hash = encode(sha256(convert_to(
          ${before}::text || ${auditHeads}.hash || ${between}::text || (${auditHeads}.seq + 1)::text || ${after}::text,
          'UTF8')), 'hex')
      returning seq, hash, prev_hash
    )
    insert into ${auditLog} (firm_id, seq, id, at, actor_type, actor_id, action, target_type, target_id, ip,
      details, prev_hash, hash)
    select ${entry.firmId}::uuid, head.seq, ${entry.id}::uuid, ${entry.at.toISOString()}::timestamptz,
      ${entry.actorType}::text, ${entry.actorId}::text, ${entry.action}::text, ${entry.targetType}::text,
      ${entry.targetId}::text, ${entry.ip}::text, ${JSON.stringify(entry.details)}::jsonb, head.prev_hash, head.hash
    from head
    returning seq, prev_hash, hash`);
  const [row] = result.rows;
  if (!row) throw new Error(`the audit head of firm ${input.firmId} was neither created nor moved`);
  return { ...entry, seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash };
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
