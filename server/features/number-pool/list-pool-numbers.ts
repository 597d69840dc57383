import type { Deps } from '../../deps';
import { ensureCan, type StaffActor } from '../../platform/http/actor';
import { poolNumbers } from './queries';
import type { PoolNumberOut } from './schemas';

/** The firm's secure-chat numbers, for those who manage the firm's settings. */
export async function listPoolNumbers(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor },
): Promise<PoolNumberOut[]> {
  ensureCan(input.actor, 'settings.manage');
  return poolNumbers(deps.db, input.actor.firmId);
}
