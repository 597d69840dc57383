import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { contactEmails, firms, portalInvitations } from '../../platform/db/schema';

export type InvitationRow = typeof portalInvitations.$inferSelect;

/** Purpose the link's token is sealed under in the e-mail job, bound to one invitation. */
export const tokenPurpose = (invitationId: string) => `portal-invitation-token:${invitationId}`;

/** A contact's e-mail addresses, first first. */
export async function contactAddresses(ex: Executor, firmId: string, contactId: string): Promise<string[]> {
  const rows = await ex
    .select({ email: contactEmails.email })
    .from(contactEmails)
    .where(and(eq(contactEmails.firmId, firmId), eq(contactEmails.contactId, contactId)))
    .orderBy(asc(contactEmails.position));
  return rows.map((r) => r.email);
}

/** One invitation of the firm, or undefined. */
export async function findInvitation(
  ex: Executor,
  firmId: string,
  invitationId: string,
): Promise<InvitationRow | undefined> {
  const [row] = await ex
    .select()
    .from(portalInvitations)
    .where(and(eq(portalInvitations.firmId, firmId), eq(portalInvitations.id, invitationId)));
  return row;
}

/** The firm's display name (the invitation e-mail names it). */
export async function firmName(ex: Executor, firmId: string): Promise<string> {
  const [row] = await ex.select({ name: firms.name }).from(firms).where(eq(firms.id, firmId));
  return row?.name ?? 'Parley';
}
