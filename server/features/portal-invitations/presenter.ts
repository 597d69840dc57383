import type { InvitationOut } from '../../../contracts/portal-invitations';
import type { InvitationSent } from './invite-contact';

/** An invitation as the staff user who sent it sees it: where it went and until when (never the token). */
export function presentInvitation(sent: InvitationSent): InvitationOut {
  return {
    contactId: sent.contactId,
    email: sent.email,
    portal: { status: sent.portalStatus },
    expiresAt: sent.expiresAt.toISOString(),
  };
}
