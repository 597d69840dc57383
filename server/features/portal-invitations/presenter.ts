import type { z } from 'zod';
import type { InvitationSent } from './invite-contact';
import type { invitationOut } from './schemas';

/** An invitation as the staff user who sent it sees it: where it went and until when (never the token). */
export function presentInvitation(sent: InvitationSent): z.infer<typeof invitationOut> {
  return {
    contactId: sent.contactId,
    email: sent.email,
    portal: { status: sent.portalStatus },
    expiresAt: sent.expiresAt.toISOString(),
  };
}
