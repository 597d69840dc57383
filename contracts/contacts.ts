import { z } from 'zod';
import { portalStatus } from './portal-status';

export { portalStatus };

/** A contact as `GET /api/v1/contacts[/:id]` answers (portal credentials never leave the server). */
export const contactOut = z.object({
  id: z.uuid().describe('UUID'),
  name: z.string(),
  emails: z.array(z.object({ address: z.string(), label: z.string().nullable() })),
  phones: z.array(z.object({ number: z.string().describe('E.164'), label: z.string().nullable() })),
  address: z.string().nullable(),
  coordinatorId: z.uuid().describe('UUID').nullable(),
  portal: z.object({ status: portalStatus }),
  matterIds: z.array(z.uuid().describe('UUID')).describe('Linked matters the caller may see'),
  createdAt: z.iso.datetime().describe('ISO 8601 UTC time'),
  updatedAt: z.iso.datetime().describe('ISO 8601 UTC time'),
});

/** A contact as the API answers. */
export type Contact = z.output<typeof contactOut>;
/** Whether a contact may sign in to the client portal. */
export type { PortalStatus } from './portal-status';
