import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { loadTeam } from './queries';

/** One team or circle of the actor's firm with its member ids; any staff may read it. */
export function getTeam(deps: Pick<Deps, 'db'>, input: { actor: StaffActor; teamId: string }) {
  return loadTeam(deps.db, input.actor.firmId, input.teamId);
}
