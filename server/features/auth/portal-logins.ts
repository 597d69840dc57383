import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { portalLogins } from '../../platform/db/schema';
import { normaliseEmail } from './login-email';

/**
 * Makes email a portal sign-in address of the contact (one contact per address and firm). True
 * when the address now leads to this contact; false when another contact of the firm holds it.
 */
export async function claimPortalLogin(
  tx: Executor,
  input: { firmId: string; contactId: string; email: string },
): Promise<boolean> {
  const email = normaliseEmail(input.email);
  await tx
    .insert(portalLogins)
    .values({ email, firmId: input.firmId, contactId: input.contactId })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ contactId: portalLogins.contactId })
    .from(portalLogins)
    .where(and(eq(portalLogins.email, email), eq(portalLogins.firmId, input.firmId)));
  return row?.contactId === input.contactId;
}

/** Removes every portal sign-in address of a contact (portal closed, contact deleted). */
export async function releasePortalLogins(tx: Executor, firmId: string, contactId: string): Promise<void> {
  await tx
    .delete(portalLogins)
    .where(and(eq(portalLogins.firmId, firmId), eq(portalLogins.contactId, contactId)));
}
