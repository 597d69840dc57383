import type { PresenceOut } from '../../../contracts/transfers';
import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { ensureWorksConversations } from '../message-center/policy';
import { agentsOf, onlineUsers } from './presence-queries';

/** The Message Center agents of the caller's firm, each with their teams and whether they are online now. */
export async function listAgents(deps: Pick<Deps, 'db' | 'clock'>, input: { actor: StaffActor }) {
  ensureWorksConversations(input.actor);
  const { firmId } = input.actor;
  const agents = await agentsOf(deps.db, firmId);
  const online = await onlineUsers(deps.db, firmId, deps.clock());
  return {
    items: agents.map((a) => ({
      ...a,
      online: online.has(a.id),
      since: online.get(a.id)?.toISOString() ?? null,
    })),
  };
}

/** The agents of the caller's firm online now (one or more open streams on any server), by name. */
export async function listPresence(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor },
): Promise<{ items: PresenceOut[] }> {
  const { items } = await listAgents(deps, input);
  return {
    items: items.flatMap((a) =>
      a.online ? [{ userId: a.id, name: a.name, online: true as const, since: a.since as string }] : [],
    ),
  };
}
