import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { contactEmails, contacts, portalInvitations } from '../../platform/db/schema';
import {
  claimPortalLogin,
  createSession,
  deviceCookieKey,
  hashPassword,
  issueDeviceCookie,
  type LoginAttempt,
  type PortalLoginResult,
  sha256Hex,
  splitFirmSecret,
  throttledCheck,
} from '../auth';
import { invitationIsOpen } from './model';
import { invalidActivationToken, portalEmailTaken } from './problems';

/** Activation attempts are counted per client address (there is no account to count them against yet). */
function activationAttempt(address: string): LoginAttempt {
  return { realm: 'portal', account: 'portal-activation', address, knownDevice: true };
}

export interface ActivatePortalInput {
  /** The token of the activation link. */
  token: string;
  /** The portal password the contact chose (length checked by the schema). */
  password: string;
  ip: string;
  userAgent?: string;
}

/**
 * A contact opens its portal with the link from its invitation: sets its password (argon2id), makes
 * the invited address its portal sign-in, uses up the link and signs in, in one transaction. The link
 * is used up by a conditional UPDATE (… WHERE used_at IS NULL RETURNING), so of two activations with
 * one link exactly one wins. Unknown, used, revoked and expired links get one and the same answer.
 */
export async function activatePortal(deps: Deps, input: ActivatePortalInput): Promise<PortalLoginResult> {
  const parsed = splitFirmSecret(input.token.trim(), '.');
  const byToken = parsed
    ? and(
        eq(portalInvitations.firmId, parsed.firmId),
        eq(portalInvitations.tokenHash, sha256Hex(parsed.secret)),
      )
    : undefined;
  // Made-up links count like failed sign-ins of one address, so nobody can try links in bulk (429).
  // Checked before the (deliberately slow) password hash, so a made-up link costs the server little.
  const open = await throttledCheck(deps, activationAttempt(input.ip), async () => {
    if (!byToken) return false;
    const [found] = await deps.db.select().from(portalInvitations).where(byToken);
    return found !== undefined && invitationIsOpen(found, deps.clock());
  });
  if (!parsed || !byToken || !open) throw invalidActivationToken();
  const { firmId } = parsed;
  const passwordHash = await hashPassword(input.password);

  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(portalInvitations)
      .set({ usedAt: now })
      .where(
        and(
          byToken,
          isNull(portalInvitations.usedAt),
          isNull(portalInvitations.revokedAt),
          gt(portalInvitations.expiresAt, now),
        ),
      )
      .returning();
    if (!invitation) throw invalidActivationToken();
    const contactWhere = and(eq(contacts.firmId, firmId), eq(contacts.id, invitation.contactId));
    const [contact] = await tx
      .select({ id: contacts.id, name: contacts.name })
      .from(contacts)
      .where(contactWhere)
      .for('update');
    // Staff removed the address (or the contact) after inviting: the link no longer leads anywhere.
    const [address] = await tx
      .select({ email: contactEmails.email })
      .from(contactEmails)
      .where(
        and(
          eq(contactEmails.firmId, firmId),
          eq(contactEmails.contactId, invitation.contactId),
          eq(contactEmails.email, invitation.email),
        ),
      );
    if (!contact || !address) throw invalidActivationToken();
    if (!(await claimPortalLogin(tx, { firmId, contactId: contact.id, email: invitation.email })))
      throw portalEmailTaken();
    await tx
      .update(contacts)
      .set({ portalStatus: 'active', portalPasswordHash: passwordHash, updatedAt: now })
      .where(contactWhere);
    const session = await createSession(deps, tx, {
      firmId,
      subjectType: 'contact',
      subjectId: contact.id,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await recordAudit(
      tx,
      {
        firmId,
        actorType: 'contact',
        actorId: contact.id,
        action: 'portal.activated',
        targetType: 'contact',
        targetId: contact.id,
        ip: input.ip,
        details: { invitationId: invitation.id },
      },
      now,
    );
    return {
      contact: { id: contact.id, firmId, name: contact.name, email: invitation.email },
      sessionCookie: session.cookieValue,
      csrfToken: session.csrfToken,
      deviceCookie: issueDeviceCookie(deviceCookieKey(deps), 'portal', invitation.email, now),
    };
  });
}
