import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { contacts, matterContacts } from '../../platform/db/schema';
import { invalidField } from '../../platform/http/problem';

/**
 * The name of the client a logged call or e-mail was with, or 400 naming field when the contact is
 * not linked to the matter (a contact of another firm is not linked to any of this firm's matters).
 */
export async function loggedContactName(
  ex: Executor,
  firmId: string,
  matterId: string,
  contactId: string,
  field: string,
): Promise<string> {
  const [row] = await ex
    .select({ name: contacts.name })
    .from(matterContacts)
    .innerJoin(
      contacts,
      and(eq(contacts.firmId, matterContacts.firmId), eq(contacts.id, matterContacts.contactId)),
    )
    .where(
      and(
        eq(matterContacts.firmId, firmId),
        eq(matterContacts.matterId, matterId),
        eq(matterContacts.contactId, contactId),
      ),
    );
  if (!row) throw invalidField(field, 'is not a contact linked to this matter');
  return row.name;
}
