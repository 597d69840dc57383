import { and, asc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { contactEmails, contacts, users } from '../../platform/db/schema';
import type { ContactActor, StaffActor } from '../../platform/http/actor';
import { unauthorized } from '../../platform/http/problem';

/** The signed-in staff user's row (401 if it vanished since the request was authenticated). */
export async function currentUser(deps: Pick<Deps, 'db'>, actor: StaffActor) {
  const [user] = await deps.db
    .select()
    .from(users)
    .where(and(eq(users.firmId, actor.firmId), eq(users.id, actor.userId)));
  if (!user) throw unauthorized();
  return user;
}

/** The signed-in contact with its first e-mail address. */
export async function currentContact(deps: Pick<Deps, 'db'>, actor: ContactActor) {
  const [contact] = await deps.db
    .select({ id: contacts.id, firmId: contacts.firmId, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.firmId, actor.firmId), eq(contacts.id, actor.contactId)));
  if (!contact) throw unauthorized();
  const [email] = await deps.db
    .select({ email: contactEmails.email })
    .from(contactEmails)
    .where(and(eq(contactEmails.firmId, actor.firmId), eq(contactEmails.contactId, actor.contactId)))
    .orderBy(asc(contactEmails.position))
    .limit(1);
  return { ...contact, email: email?.email ?? null };
}
