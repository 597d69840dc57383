import { bigint, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/** Append-only, hash-chained audit log, one chain per firm (seq 1, 2, 3 …). */
export const auditLog = pgTable(
  'audit_log',
  {
    firmId: uuid('firm_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    at: ts('at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    details: jsonb('details').notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.seq] }),
    uniqueIndex('audit_log_firm_id').on(t.firmId, t.id),
    index('audit_log_at').on(t.firmId, t.at),
  ],
);

/**
 * The newest entry of each firm's audit chain, moved forward in the same transaction as every append,
 * so deleting entries from the end of the chain shows up in verification.
 */
export const auditHeads = pgTable('audit_heads', {
  firmId: uuid('firm_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  /** The hash of the entry before the head (set by every append; null on heads older than 0018). */
  prevHash: text('prev_hash'),
});
