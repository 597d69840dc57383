import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';

/** A firm (tenant). Its data key is wrapped by the master key. */
export const firms = pgTable('firms', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** Firm data key, AES-GCM wrapped by the master key (base64). */
  wrappedKey: text('wrapped_key').notNull(),
  /** Firm settings document (see features/settings). */
  settings: jsonb('settings').notNull().default({}),
  createdAt: createdAt(),
});
