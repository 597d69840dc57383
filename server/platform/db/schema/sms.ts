import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/**
 * Global phone-number directory: which firm owns a provider number and what it is for. Inbound texts
 * and status callbacks name only numbers, so this is the routing lookup (like staff_logins).
 */
export const firmNumbers = pgTable(
  'firm_numbers',
  {
    e164: text('e164').primaryKey(),
    firmId: uuid('firm_id').notNull(),
    /** secure_chat (the secure-chat pool) | campaign (Message Center) */
    purpose: text('purpose').notNull(),
    label: text('label'),
    createdAt: createdAt(),
  },
  (t) => [index('firm_numbers_firm').on(t.firmId, t.purpose)],
);

/** Provider message ids already processed, so a retried webhook stores its message once. */
export const inboundReceipts = pgTable('inbound_receipts', {
  /** "<provider>:<provider message id>" */
  key: text('key').primaryKey(),
  firmId: uuid('firm_id').notNull(),
  messageId: uuid('message_id'),
  receivedAt: createdAt(),
});

/**
 * The last automatic reply Parley sent a client phone, per kind (e.g. secure_chat_unlinked when a
 * client texts a number whose thread was ended), so a client gets at most one per day.
 */
export const smsAutoReplies = pgTable(
  'sms_auto_replies',
  {
    firmId: uuid('firm_id').notNull(),
    clientPhone: text('client_phone').notNull(),
    kind: text('kind').notNull(),
    lastSentAt: ts('last_sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.clientPhone, t.kind] })],
);
