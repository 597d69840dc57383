import { pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * Who is online: one row per (user, server process) with open streams, refreshed by that process
 * while the streams stay open. A row not refreshed within the presence TTL (a process that died)
 * no longer counts, so presence needs no cleanup to stay right across processes.
 */
export const userPresence = pgTable(
  'user_presence',
  {
    firmId: uuid('firm_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** The server process holding the streams (random per process start). */
    processId: uuid('process_id').notNull(),
    /** When the user's first stream on this process opened. */
    since: ts('since').notNull(),
    /** Last refresh by the process. */
    seenAt: ts('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.userId, t.processId] })],
);
