import { z } from 'zod';
import { portalStatus } from './portal-status';

export const invitationOut = z.object({
  contactId: z.uuid(),
  email: z.string().describe('Where the activation link was sent'),
  portal: z.object({ status: portalStatus }),
  expiresAt: z.iso.datetime().describe('When the link stops working (ISO 8601 UTC)'),
});
export type InvitationOut = z.infer<typeof invitationOut>;
