import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/bus/in-transaction';
import { contacts, portalInvitations, portalLogins } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { invalidField, notFound } from '../../platform/http/problem';
import { randomSecret, sha256Hex } from '../auth';
import { appendEmail } from '../email/sender';
import { PORTAL_INVITATION_EMAIL } from './compose-invitation-email';
import { invitationAddress, invitationExpiry } from './model';
import { portalAlreadyActive, portalEmailTaken } from './problems';
import { contactAddresses, tokenPurpose } from './queries';

export interface InviteContactInput {
  actor: StaffActor;
  contactId: string;
  /** One of the contact's addresses; default: its first. */
  email?: string;
  ip?: string;
}

/** An invitation on its way (never its token). */
export interface InvitationSent {
  contactId: string;
  email: string;
  portalStatus: 'invited';
  expiresAt: Date;
}

/**
 * Any staff member invites a contact of the firm to the portal: a new one-time link (only the SHA-256
 * of its secret is stored; older open links of the contact stop working), portal status `invited`,
 * and an `email.send` job carrying the token sealed with the firm key, all in one transaction.
 * The token is "<firmId>.<secret>" so activation finds the firm without a global lookup.
 */
export async function inviteContact(deps: Deps, input: InviteContactInput): Promise<InvitationSent> {
  const { actor, contactId } = input;
  const firmId = actor.firmId;
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const contactWhere = and(eq(contacts.firmId, firmId), eq(contacts.id, contactId));
    const [contact] = await tx
      .select({ portalStatus: contacts.portalStatus })
      .from(contacts)
      .where(contactWhere)
      .for('update');
    if (!contact) throw notFound('contact');
    if (contact.portalStatus === 'active') throw portalAlreadyActive();
    const picked = invitationAddress(await contactAddresses(tx, firmId, contactId), input.email);
    if ('error' in picked) throw invalidField('body.email', picked.error);
    const [holder] = await tx
      .select({ contactId: portalLogins.contactId })
      .from(portalLogins)
      .where(and(eq(portalLogins.email, picked.email), eq(portalLogins.firmId, firmId)));
    if (holder && holder.contactId !== contactId) throw portalEmailTaken();

    await tx
      .update(portalInvitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(portalInvitations.firmId, firmId),
          eq(portalInvitations.contactId, contactId),
          isNull(portalInvitations.usedAt),
          isNull(portalInvitations.revokedAt),
        ),
      );
    const id = uuidv7();
    const secret = randomSecret();
    const expiresAt = invitationExpiry(now);
    await tx.insert(portalInvitations).values({
      firmId,
      id,
      contactId,
      email: picked.email,
      tokenHash: sha256Hex(secret),
      invitedBy: actor.userId,
      createdAt: now,
      expiresAt,
    });
    await tx.update(contacts).set({ portalStatus: 'invited', updatedAt: now }).where(contactWhere);
    const sealed = await deps.keyring.encryptForFirm(tx, firmId, `${firmId}.${secret}`, tokenPurpose(id));
    await appendEmail(tx, {
      firmId,
      kind: PORTAL_INVITATION_EMAIL,
      idempotencyKey: `portal-invitation-${id}`,
      refs: { invitationId: id, token: sealed },
    });
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'portal.invited',
        targetType: 'contact',
        targetId: contactId,
        details: { invitationId: id, expiresAt: expiresAt.toISOString() },
      },
      now,
    );
    return { contactId, email: picked.email, portalStatus: 'invited', expiresAt };
  });
}
