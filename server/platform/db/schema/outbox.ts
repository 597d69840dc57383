import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/** Transactional outbox: side effects written with the change that causes them, sent by the relay. */
export const outbox = pgTable(
  'outbox',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    /** What to do: 'sms.send', 'email.send', 'webhook.send', 'event.publish' … */
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    /** Handed to the channel so a resend after a crash is recognised by the receiver. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** pending | sent | dead */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    result: jsonb('result'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('outbox_due').on(t.nextAttemptAt).where(sql`status = 'pending'`),
  ],
);
