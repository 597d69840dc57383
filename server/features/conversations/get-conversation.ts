import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { conversationDetail } from './conversation-views';
import { loadVisibleConversation } from './queries';

/** One conversation with its members; 404 unless the actor may see it. */
export async function getConversation(
  deps: Pick<Deps, 'db' | 'keyring'>,
  input: { actor: StaffActor; conversationId: string },
) {
  const row = await loadVisibleConversation(deps.db, input.actor, input.conversationId);
  return conversationDetail(deps.db, deps, input.actor, row);
}
