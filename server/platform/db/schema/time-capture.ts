import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/**
 * Billable events: pre-time entries captured from conversations (secure chat, SMS, portal), e-mails and
 * logged calls, for a timekeeper to review, edit, dismiss or convert (features/time-capture).
 */
export const billableEvents = pgTable(
  'billable_events',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    /** The timekeeper whose time it is. */
    userId: uuid('user_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    /** The conversation it was captured from; null for calls, logged e-mails and deleted conversations. */
    conversationId: uuid('conversation_id'),
    /** secure_chat | sms | portal | email | call */
    source: text('source').notNull(),
    /** open | converted | dismissed */
    status: text('status').notNull().default('open'),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at').notNull(),
    /** Texts of the timekeeper counted in the event (chat sources). */
    messageCount: integer('message_count').notNull().default(0),
    durationSeconds: integer('duration_seconds').notNull(),
    description: text('description').notNull(),
    /** The generated description without any message content (kept when a conversation is deleted). */
    summary: text('summary').notNull(),
    /** A person changed duration, description or matter: capture no longer rewrites or extends it. */
    edited: boolean('edited').notNull().default(false),
    /** Still collecting the timekeeper's texts of its conversation; at most one per (conversation, user). */
    collecting: boolean('collecting').notNull().default(false),
    /** Who logged it (calls, e-mails); null when captured automatically. */
    createdBy: uuid('created_by'),
    timeEntryId: uuid('time_entry_id'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('billable_events_collecting').on(t.firmId, t.conversationId, t.userId).where(sql`collecting`),
    index('billable_events_user_started').on(t.firmId, t.userId, t.startedAt),
    index('billable_events_started').on(t.firmId, t.startedAt),
    index('billable_events_conversation').on(t.firmId, t.conversationId),
  ],
);

/** Time entries converted from billable events: billed hours at the timekeeper's rate. */
export const timeEntries = pgTable(
  'time_entries',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    /** The event it was converted from; one entry per event. */
    billableEventId: uuid('billable_event_id').notNull(),
    source: text('source').notNull(),
    /** The day the work was done (UTC date of the event's start). */
    workDate: date('work_date', { mode: 'string' }).notNull(),
    /** Billed minutes: the duration rounded up to the firm's billing increment. */
    billedMinutes: integer('billed_minutes').notNull(),
    /** Hourly rate in cents at conversion time. */
    rateCents: integer('rate_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    narrative: text('narrative').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    /** When an export first included it; from then on it is billed and cannot change. */
    exportedAt: ts('exported_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('time_entries_event').on(t.firmId, t.billableEventId),
    index('time_entries_date').on(t.firmId, t.workDate),
    index('time_entries_user_date').on(t.firmId, t.userId, t.workDate),
  ],
);

/** A timekeeper's billing rate and LEDES classification (PT, AS, OC, LA, OT). */
export const timekeeperRates = pgTable(
  'timekeeper_rates',
  {
    firmId: uuid('firm_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** Hourly rate in cents. */
    rateCents: integer('rate_cents').notNull(),
    classification: text('classification'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.userId] })],
);
