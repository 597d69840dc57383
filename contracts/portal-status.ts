import { z } from 'zod';

/** A contact's portal access: none, invited (activation link sent), active (may sign in). */
export const portalStatus = z.enum(['none', 'invited', 'active']);
export type PortalStatus = z.infer<typeof portalStatus>;
