import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/** Global e-mail → staff account directory: the one lookup that cannot know the firm in advance. */
export const staffLogins = pgTable('staff_logins', {
  email: text('email').primaryKey(),
  firmId: uuid('firm_id').notNull(),
  userId: uuid('user_id').notNull(),
});

/** Server-side sessions of staff and portal contacts; id is the SHA-256 of the secret in the cookie. */
export const sessions = pgTable(
  'sessions',
  {
    firmId: uuid('firm_id').notNull(),
    id: text('id').notNull(),
    /** 'user' or 'contact'. */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] }), index('sessions_subject').on(t.firmId, t.subjectId)],
);

/** Admin-created API tokens for integrations (Bearer). */
export const apiTokens = pgTable(
  'api_tokens',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** SHA-256 of the secret part of the token. */
    tokenHash: text('token_hash').notNull(),
    /** The user the token acts as. */
    userId: uuid('user_id').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('api_tokens_firm_hash').on(t.firmId, t.tokenHash),
  ],
);

/**
 * Global e-mail → portal contact directory for portal sign-in. Contact e-mails are not unique
 * across firms, so one address may lead to a contact in several firms (one per firm).
 */
export const portalLogins = pgTable(
  'portal_logins',
  {
    email: text('email').notNull(),
    firmId: uuid('firm_id').notNull(),
    contactId: uuid('contact_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.email, t.firmId] })],
);

/** Failed-login counters (per account, per address, per account+address); not firm data. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: ts('window_started_at').notNull().defaultNow(),
  blockedUntil: ts('blocked_until'),
});
