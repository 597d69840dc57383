import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/**
 * Secure chat invitations of Message Center conversations: a one-time link texted to the customer,
 * opened on one device after a code texted to the same number. Only SHA-256 hashes of the link's
 * secret, the code and the device secret are kept for checking; the link and the code are also kept
 * sealed with the conversation key, so the SMS sender can text them (the outbox carries no secrets).
 * A newer invitation revokes the older ones of its conversation.
 */
export const mcSecureInvites = pgTable(
  'mc_secure_invites',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    /** The customer's number (E.164) the link and codes are texted to. */
    phone: text('phone').notNull(),
    /** The campaign number they are texted from. */
    firmPhone: text('firm_phone').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    /** SHA-256 hex of the link's secret. */
    tokenHash: text('token_hash').notNull(),
    /** The link's token, sealed with the conversation key. */
    tokenSealed: text('token_sealed').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    openedAt: ts('opened_at'),
    /** SHA-256 hex of the current code (bound to the invitation id), null before one is sent. */
    codeHash: text('code_hash'),
    /** The current code, sealed with the conversation key (for the SMS sender). */
    codeSealed: text('code_sealed'),
    codeSentAt: ts('code_sent_at'),
    codeExpiresAt: ts('code_expires_at'),
    codesSent: integer('codes_sent').notNull().default(0),
    wrongCodes: integer('wrong_codes').notNull().default(0),
    verifiedAt: ts('verified_at'),
    /** SHA-256 hex of the secret in the verified device's cookie. */
    deviceHash: text('device_hash'),
    /** The CSRF token of the verified device's session. */
    csrfToken: text('csrf_token'),
    revokedAt: ts('revoked_at'),
    /** Too many wrong codes: the link can no longer be used. */
    burntAt: ts('burnt_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('mc_secure_invites_token').on(t.firmId, t.tokenHash),
    index('mc_secure_invites_conversation').on(t.firmId, t.conversationId),
  ],
);
