import { z } from 'zod';
import { publicBaseUrl } from '../../config';
import type { Deps } from '../../deps';
import { nameOf } from '../../platform/db/names';
import { type OutboxJob, sendFailure } from '../../platform/outbox/relay';
import type { ComposedEmail } from '../email/sender';
import { loadSettings } from '../settings/load-settings';
import { activationLink, invitationEmail, invitationIsOpen } from './model';
import { findInvitation, firmName, tokenPurpose } from './queries';

/** The `kind` of the `email.send` jobs that carry an activation link. */
export const PORTAL_INVITATION_EMAIL = 'portal_invitation';

const payload = z.object({
  kind: z.literal(PORTAL_INVITATION_EMAIL),
  firmId: z.uuid(),
  invitationId: z.uuid(),
  /** The link's token, sealed with the firm key under tokenPurpose(invitationId). */
  token: z.string().min(1),
});

/**
 * Builds the invitation e-mail at send time: the address and names from the database, the link from
 * the sealed token on the configured origin (never on a request's Host header, which a sender controls). A link that stopped working before it was sent (revoked by a newer invitation,
 * used, expired) is not sent at all.
 */
export async function composeInvitationEmail(
  deps: Deps,
  job: OutboxJob,
): Promise<ComposedEmail | { skipped: string }> {
  const parsed = payload.safeParse(job.payload);
  if (!parsed.success) throw sendFailure('invalid portal_invitation payload', { permanent: true });
  const { firmId, invitationId } = parsed.data;
  const invitation = await findInvitation(deps.db, firmId, invitationId);
  if (!invitation || !invitationIsOpen(invitation, deps.clock())) return { skipped: 'invitation not open' };
  const contactName = await nameOf(deps.db, firmId, { type: 'contact', id: invitation.contactId });
  if (contactName === null) return { skipped: 'contact deleted' };
  const token = await deps.keyring.decryptForFirm(
    deps.db,
    firmId,
    parsed.data.token,
    tokenPurpose(invitationId),
  );
  const content = invitationEmail({
    firmName: await firmName(deps.db, firmId),
    contactName,
    link: activationLink(publicBaseUrl(deps.config), token),
    expiresAt: invitation.expiresAt,
    timeZone: (await loadSettings(deps.db, firmId)).timeZone,
  });
  return { to: invitation.email, ...content };
}
