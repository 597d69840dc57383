import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers. */
export interface ChainedEntry {
  firmId: string;
  seq: number;
  id: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: unknown;
  prevHash: string;
}

/** The hash before the first entry of a firm's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields the hash covers, as its canonical text hashes them. */
function hashedFields(e: ChainedEntry): Record<string, unknown> {
  return {
    firmId: e.firmId,
    seq: e.seq,
    id: e.id,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    ip: e.ip,
    details: e.details,
    prevHash: e.prevHash,
  };
}

/** SHA-256 over the canonical form of the entry, including the previous entry's hash. */
export function hashEntry(e: ChainedEntry): string {
  return createHash('sha256')
    .update(canonicalJson(hashedFields(e)))
    .digest('hex');
}

/**
 * The canonical text of an entry whose place in the chain is not known yet, in three pieces: the
 * text is before + previous hash + between + seq + after. The database joins them with the head it
 * locks and hashes the result, so an append is one statement (audit-log.ts); hashEntry hashes the
 * same text.
 */
export function entryTextAround(e: Omit<ChainedEntry, 'seq' | 'prevHash'>): {
  before: string;
  between: string;
  after: string;
} {
  const fields = Object.entries(hashedFields({ ...e, seq: 0, prevHash: '' })).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const at = fields.findIndex(([key]) => key === 'prevHash');
  if (fields[at + 1]?.[0] !== 'seq') throw new Error('prevHash and seq must be neighbours in key order');
  const text = (pairs: [string, unknown][]) =>
    pairs.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
  const head = text(fields.slice(0, at));
  const tail = text(fields.slice(at + 2));
  // A hash is hex and a seq an integer: neither needs escaping in JSON.
  return {
    before: `{${[...head, '"prevHash":"'].join(',')}`,
    between: '","seq":',
    after: `${tail.map((pair) => `,${pair}`).join('')}}`,
  };
}

/** Result of walking a chain: ok, how many entries, and the first one that does not verify. */
export interface ChainVerdict {
  ok: boolean;
  entries: number;
  firstBadEntryId?: string;
}

/** Where a walk of the chain stands: the hash and seq the next entry must link to. */
export interface ChainPosition {
  prevHash: string;
  nextSeq: number;
}

export const CHAIN_START: ChainPosition = { prevHash: GENESIS_HASH, nextSeq: 1 };

/** Checks entries in seq order from a position: consecutive seq, prevHash links and each stored hash. */
export function verifyChain(
  entries: Iterable<ChainedEntry & { hash: string }>,
  from: ChainPosition = CHAIN_START,
): ChainVerdict & { position: ChainPosition } {
  let { prevHash, nextSeq } = from;
  let count = 0;
  for (const e of entries) {
    count++;
    if (e.seq !== nextSeq || e.prevHash !== prevHash || hashEntry(e) !== e.hash) {
      return { ok: false, entries: count, firstBadEntryId: e.id, position: { prevHash, nextSeq } };
    }
    prevHash = e.hash;
    nextSeq++;
  }
  return { ok: true, entries: count, position: { prevHash, nextSeq } };
}
