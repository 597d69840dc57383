import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { type ContactView, findContact } from './queries';

/** One contact of the actor's firm with phones, e-mails and visible matters; any staff may read it. */
export async function getContact(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor; contactId: string },
): Promise<ContactView> {
  const view = await findContact(deps.db, input.actor, input.contactId);
  if (!view) throw notFound('contact');
  return view;
}
