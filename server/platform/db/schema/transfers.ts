import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/**
 * The transfer log of Message Center conversations: who handed a conversation from whom to whom,
 * warm (the colleague was asked first) or cold, and how it ended. The handoff note is a message of
 * the conversation (visibility internal, encrypted like every message), referenced by note_message_id.
 */
export const mcTransfers = pgTable(
  'mc_transfers',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    /** warm | cold */
    mode: text('mode').notNull(),
    /** pending (warm, awaiting the colleague) | accepted | declined | cancelled | completed (cold) */
    status: text('status').notNull(),
    /** Who asked for the transfer (the holder or a supervisor). */
    byUserId: uuid('by_user_id').notNull(),
    /** The holder and team before the transfer. */
    fromUserId: uuid('from_user_id'),
    fromTeamId: uuid('from_team_id'),
    /** The agent it goes to (null for a transfer to a team's queue). */
    toUserId: uuid('to_user_id'),
    /** The team it goes to (the agent's team for a transfer to an agent). */
    toTeamId: uuid('to_team_id'),
    /** The handoff note, stored as an internal message of the conversation. */
    noteMessageId: uuid('note_message_id'),
    createdAt: createdAt(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('mc_transfers_conversation').on(t.firmId, t.conversationId, t.id),
    // At most one warm transfer awaits an answer per conversation, whatever races.
    uniqueIndex('mc_transfers_one_pending').on(t.firmId, t.conversationId).where(sql`status = 'pending'`),
  ],
);
