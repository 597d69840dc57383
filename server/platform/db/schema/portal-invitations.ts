import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/**
 * One-time portal activation links e-mailed to a contact. Only the SHA-256 of the link's secret is
 * kept; a link works once (used_at), until it expires or a newer invitation revokes it.
 */
export const portalInvitations = pgTable(
  'portal_invitations',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    /** The contact's address the link was sent to; it becomes the portal sign-in address. */
    email: text('email').notNull(),
    /** SHA-256 hex of the secret part of the token in the link. */
    tokenHash: text('token_hash').notNull(),
    /** The staff user who sent it. */
    invitedBy: uuid('invited_by').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('portal_invitations_token').on(t.firmId, t.tokenHash),
    index('portal_invitations_contact').on(t.firmId, t.contactId),
  ],
);
