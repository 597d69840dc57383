import type { Deps } from '../../deps';
import type { Tx } from '../../platform/db/client';
import type { StaffActor } from '../../platform/http/actor';
import { loadConversationFor } from '../conversations/access';
import type { ConversationRow } from '../conversations/queries';
import { ensureWorksConversations } from './policy';
import { conversationClosed, notMessageCenter } from './problems';

/**
 * The open Message Center conversation an agent acts on (claim, close, transfer), locked for the
 * rest of the transaction: 404 when the caller may not see it, 422 when it is not a Message Center
 * conversation, 403 when the caller does not work conversations, 409 when it is closed.
 */
export async function loadOpenConversationToWork(
  deps: Pick<Deps, 'conversations'>,
  tx: Tx,
  actor: StaffActor,
  conversationId: string,
): Promise<ConversationRow> {
  const { row } = await loadConversationFor(deps.conversations.rules, tx, actor, conversationId, 'view', {
    lock: true,
  });
  if (row.kind !== 'sms') throw notMessageCenter();
  ensureWorksConversations(actor);
  if (row.status !== 'open') throw conversationClosed();
  return row;
}
