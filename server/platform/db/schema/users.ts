import { sql } from 'drizzle-orm';
import { bigint, boolean, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/** Staff users. */
export const users = pgTable(
  'users',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    passwordHash: text('password_hash').notNull(),
    /** TOTP secret, encrypted with the firm key; null when TOTP is off. */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last accepted TOTP time step, so one code cannot be replayed. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    active: boolean('active').notNull().default(true),
    phone: text('phone'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] }), uniqueIndex('users_firm_email').on(t.firmId, t.email)],
);
