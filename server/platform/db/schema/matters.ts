import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/** Matters (cases, engagements). */
export const matters = pgTable(
  'matters',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id').notNull(),
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('matters_firm_number').on(t.firmId, t.number),
  ],
);

export const matterAssignees = pgTable(
  'matter_assignees',
  {
    firmId: uuid('firm_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.matterId, t.userId] }),
    index('matter_assignees_user').on(t.firmId, t.userId),
  ],
);

export const matterContacts = pgTable(
  'matter_contacts',
  {
    firmId: uuid('firm_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.matterId, t.contactId] }),
    index('matter_contacts_contact').on(t.firmId, t.contactId),
  ],
);
