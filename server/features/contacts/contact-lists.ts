import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { contactEmails, contactPhones } from '../../platform/db/schema';

/** Replaces a contact's phone numbers (already E.164 and distinct), keeping their order. */
export async function replacePhones(
  tx: Tx,
  firmId: string,
  contactId: string,
  phones: { number: string; label?: string }[],
) {
  await tx
    .delete(contactPhones)
    .where(and(eq(contactPhones.firmId, firmId), eq(contactPhones.contactId, contactId)));
  if (phones.length)
    await tx.insert(contactPhones).values(
      phones.map((p, position) => ({
        firmId,
        contactId,
        position,
        e164: p.number,
        label: p.label ?? null,
      })),
    );
}

/** Replaces a contact's e-mail addresses (already lower-cased and distinct), keeping their order. */
export async function replaceEmails(
  tx: Tx,
  firmId: string,
  contactId: string,
  emails: { address: string; label?: string }[],
) {
  await tx
    .delete(contactEmails)
    .where(and(eq(contactEmails.firmId, firmId), eq(contactEmails.contactId, contactId)));
  if (emails.length)
    await tx.insert(contactEmails).values(
      emails.map((e, position) => ({
        firmId,
        contactId,
        position,
        email: e.address,
        label: e.label ?? null,
      })),
    );
}
