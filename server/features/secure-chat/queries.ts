import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { preparedOnce } from '../../platform/db/prepared-once';
import {
  contactPhones,
  contacts,
  conversationMembers,
  conversations,
  firmNumbers,
  messageDeliveries,
  secureChatLinks,
} from '../../platform/db/schema';

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

/** A contact added to a thread from the matter, with the phone its texts go to (the first on its record). */
export interface TextedMember {
  contactId: string;
  name: string;
  phone: string;
}

/**
 * The contacts added to a thread (other than its client) who receive its texts: each at the first
 * phone on the contact's record, never a number typed in elsewhere; a contact without a phone, or
 * whose phone is the client's, receives nothing more.
 */
export async function textedMembers(
  ex: Executor,
  conversation: { firmId: string; id: string; contactId: string | null; contactPhone: string | null },
): Promise<TextedMember[]> {
  const rows = await contactMembersStatement(ex).execute({
    firmId: conversation.firmId,
    id: conversation.id,
  });
  const seen = new Set([conversation.contactPhone]);
  return rows.filter((r) => {
    if (r.contactId === conversation.contactId || seen.has(r.phone)) return false;
    seen.add(r.phone);
    return true;
  });
}

// Read by every text of a thread: built once (issue 11).
const contactMembersStatement = preparedOnce((ex) =>
  ex
    .select({ contactId: conversationMembers.memberId, name: contacts.name, phone: contactPhones.e164 })
    .from(conversationMembers)
    .innerJoin(
      contacts,
      and(eq(contacts.firmId, conversationMembers.firmId), eq(contacts.id, conversationMembers.memberId)),
    )
    .innerJoin(
      contactPhones,
      and(
        eq(contactPhones.firmId, conversationMembers.firmId),
        eq(contactPhones.contactId, conversationMembers.memberId),
        eq(contactPhones.position, 0),
      ),
    )
    .where(
      and(
        eq(conversationMembers.firmId, sql.placeholder('firmId')),
        eq(conversationMembers.conversationId, sql.placeholder('id')),
        eq(conversationMembers.memberType, 'contact'),
      ),
    )
    .orderBy(asc(conversationMembers.addedAt))
    .prepare('parley_contact_members'),
);

/** Whether the thread already texted this phone before the given message (its first text then carries the footer). */
export async function textedBefore(
  ex: Executor,
  firmId: string,
  conversationId: string,
  phone: string,
  messageId: string,
): Promise<boolean> {
  const [row] = await ex
    .select({ messageId: messageDeliveries.messageId })
    .from(messageDeliveries)
    .where(
      and(
        eq(messageDeliveries.firmId, firmId),
        eq(messageDeliveries.conversationId, conversationId),
        eq(messageDeliveries.channel, 'sms'),
        eq(messageDeliveries.recipient, phone),
        ne(messageDeliveries.messageId, messageId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The open thread on this firm number whose added contact texts from this phone (its first phone
 * on file), with that contact: where a member contact's reply belongs. Should the phone be a member
 * of several open threads on the number, the most recently active one takes it.
 */
export async function findMemberThread(
  ex: Executor,
  firmId: string,
  firmPhone: string,
  phone: string,
): Promise<{ conversationId: string; contactId: string } | null> {
  const [row] = await ex
    .select({ conversationId: conversations.id, contactId: conversationMembers.memberId })
    .from(conversations)
    .innerJoin(
      conversationMembers,
      and(
        eq(conversationMembers.firmId, conversations.firmId),
        eq(conversationMembers.conversationId, conversations.id),
        eq(conversationMembers.memberType, 'contact'),
      ),
    )
    .innerJoin(
      contactPhones,
      and(
        eq(contactPhones.firmId, conversationMembers.firmId),
        eq(contactPhones.contactId, conversationMembers.memberId),
        eq(contactPhones.position, 0),
      ),
    )
    .where(
      and(
        eq(conversations.firmId, firmId),
        eq(conversations.kind, 'secure_chat'),
        eq(conversations.status, 'open'),
        eq(conversations.firmPhone, firmPhone),
        eq(contactPhones.e164, phone),
      ),
    )
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(1);
  return row ?? null;
}
