import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { loadConversationFor } from './access';
import { conversationDetail } from './conversation-views';

/** One conversation with its members; 404 unless the actor may see it. */
export async function getConversation(
  deps: Pick<Deps, 'db' | 'keyring' | 'conversations' | 'clock'>,
  input: { actor: StaffActor; conversationId: string },
) {
  const { row } = await loadConversationFor(
    deps.conversations.rules,
    deps.db,
    input.actor,
    input.conversationId,
    'view',
  );
  return conversationDetail(deps.db, deps, input.actor, row);
}
