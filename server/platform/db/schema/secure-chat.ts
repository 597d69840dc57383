import { pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';

/** The open link between a firm number and a client phone that routes inbound texts to one secure chat. */
export const secureChatLinks = pgTable(
  'secure_chat_links',
  {
    firmId: uuid('firm_id').notNull(),
    firmPhone: text('firm_phone').notNull(),
    clientPhone: text('client_phone').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.firmPhone, t.clientPhone] }),
    uniqueIndex('secure_chat_links_conversation').on(t.firmId, t.conversationId),
  ],
);
