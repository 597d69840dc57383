import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/** In-app Notification Center entries; only the addressee sees them. Never holds message content. */
export const notifications = pgTable(
  'notifications',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    /** message.received | status.update | … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id'),
    matterId: uuid('matter_id'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('notifications_user').on(t.firmId, t.userId, t.id),
    index('notifications_conversation').on(t.firmId, t.conversationId),
  ],
);
