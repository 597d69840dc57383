import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * The consent ledger: every change of a customer number's consent to texts from one firm number,
 * never updated or deleted (it is the evidence of an opt-out or opt-in). Read oldest first per pair.
 */
export const smsConsentLedger = pgTable(
  'sms_consent_ledger',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    /** The customer's number (E.164). */
    phone: text('phone').notNull(),
    /** The firm number texts come from (E.164). */
    firmPhone: text('firm_phone').notNull(),
    /** opted_in | opted_out */
    state: text('state').notNull(),
    /** keyword | provider | staff | revocation */
    cause: text('cause').notNull(),
    /** The keyword the customer texted (STOP, START …), for cause keyword. */
    keyword: text('keyword'),
    /** The inbound message that caused it (the STOP, or the flagged text), when stored. */
    messageId: uuid('message_id'),
    /** The staff member who changed it by hand. */
    byUserId: uuid('by_user_id'),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('sms_consent_ledger_pair').on(t.firmId, t.phone, t.firmPhone, t.at),
  ],
);

/**
 * The current consent of each (customer number, firm number) pair that ever changed or was
 * flagged, updated in the transaction that appends to the ledger: one primary-key read answers
 * "may we text this number from that one". No row means opted in (never opted out).
 */
export const smsConsentStates = pgTable(
  'sms_consent_states',
  {
    firmId: uuid('firm_id').notNull(),
    phone: text('phone').notNull(),
    firmPhone: text('firm_phone').notNull(),
    /** opted_in | opted_out */
    state: text('state').notNull(),
    /** The ledger entry that set the state; null while the pair only has a flag. */
    entryId: uuid('entry_id'),
    /** When the state was set (the ledger entry's time). */
    changedAt: ts('changed_at'),
    /** A customer text that reads like a withdrawal of consent, awaiting a staff decision. */
    revocationMessageId: uuid('revocation_message_id'),
    revocationFlaggedAt: ts('revocation_flagged_at'),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.phone, t.firmPhone] })],
);
