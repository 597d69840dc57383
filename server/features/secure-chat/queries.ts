import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { contactPhones, firmNumbers, secureChatLinks } from '../../platform/db/schema';

// Loaders of secure chat. Every query takes the firm id first.

export type SecureChatLinkRow = typeof secureChatLinks.$inferSelect;

/** The firm's secure-chat number pool, E.164. */
export async function secureChatPool(ex: Executor, firmId: string): Promise<string[]> {
  const rows = await ex
    .select({ e164: firmNumbers.e164 })
    .from(firmNumbers)
    .where(and(eq(firmNumbers.firmId, firmId), eq(firmNumbers.purpose, 'secure_chat')))
    .orderBy(asc(firmNumbers.e164));
  return rows.map((r) => r.e164);
}

/** The open links (one per open thread) with a client phone. */
export async function linksWithClient(
  ex: Executor,
  firmId: string,
  clientPhone: string,
): Promise<SecureChatLinkRow[]> {
  return ex
    .select()
    .from(secureChatLinks)
    .where(and(eq(secureChatLinks.firmId, firmId), eq(secureChatLinks.clientPhone, clientPhone)));
}

/** The open link of a (firm number, client phone) pair: the thread an inbound text belongs to. */
export async function findLink(
  ex: Executor,
  firmId: string,
  firmPhone: string,
  clientPhone: string,
): Promise<SecureChatLinkRow | null> {
  const [row] = await ex
    .select()
    .from(secureChatLinks)
    .where(
      and(
        eq(secureChatLinks.firmId, firmId),
        eq(secureChatLinks.firmPhone, firmPhone),
        eq(secureChatLinks.clientPhone, clientPhone),
      ),
    );
  return row ?? null;
}

/** A contact's phone numbers, E.164, in the contact's order. */
export async function phonesOfContact(ex: Executor, firmId: string, contactId: string): Promise<string[]> {
  const rows = await ex
    .select({ e164: contactPhones.e164 })
    .from(contactPhones)
    .where(and(eq(contactPhones.firmId, firmId), eq(contactPhones.contactId, contactId)))
    .orderBy(asc(contactPhones.position));
  return rows.map((r) => r.e164);
}
