import { timestamp } from 'drizzle-orm/pg-core';

// Every table holding a firm's data has firm_id first in its primary key and in every unique key,
// so the database can be distributed by firm (Citus multi-tenant model) without code changes.

/** created_at, set by the database. */
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
/** A timestamptz column, nullable unless the table adds notNull(). */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
