import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { loadVisibleMatter } from './access';
import { linkedContacts } from './queries';

/** One matter with a summary of its linked contacts; 404 unless the actor may see it. */
export async function getMatter(deps: Pick<Deps, 'db'>, input: { actor: StaffActor; matterId: string }) {
  const view = await loadVisibleMatter(deps.db, input.actor, input.matterId);
  return { view, contacts: await linkedContacts(deps.db, input.actor.firmId, view) };
}
