import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/** Clients, prospects and other outside people. */
export const contacts = pgTable(
  'contacts',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    coordinatorId: uuid('coordinator_id'),
    /** none | invited | active */
    portalStatus: text('portal_status').notNull().default('none'),
    portalPasswordHash: text('portal_password_hash'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] })],
);

/** A contact's phone numbers, E.164. */
export const contactPhones = pgTable(
  'contact_phones',
  {
    firmId: uuid('firm_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    position: integer('position').notNull(),
    e164: text('e164').notNull(),
    label: text('label'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.contactId, t.position] }),
    index('contact_phones_number').on(t.firmId, t.e164),
  ],
);

/** A contact's e-mail addresses, lower-cased. */
export const contactEmails = pgTable(
  'contact_emails',
  {
    firmId: uuid('firm_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    position: integer('position').notNull(),
    email: text('email').notNull(),
    label: text('label'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.contactId, t.position] }),
    index('contact_emails_address').on(t.firmId, t.email),
  ],
);
