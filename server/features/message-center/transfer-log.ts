import type { TransferOut } from '../../../contracts/transfers';
import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { loadConversationFor } from '../conversations/access';
import { auditConversationRead } from '../conversations/read-message-bodies';
import { notMessageCenter } from './problems';
import { presentTransfers } from './transfer-presenter';
import { transfersOf } from './transfer-queries';

/**
 * The transfer log of a Message Center conversation, oldest first: who, from whom, to whom, warm or
 * cold, the handoff note, when and how it ended. For whoever may see the conversation (404
 * otherwise); reading the notes is audited like reading messages.
 */
export async function listTransfers(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string },
): Promise<{ items: TransferOut[] }> {
  const { actor } = input;
  return deps.db.transaction(async (tx) => {
    const { row, membership } = await loadConversationFor(
      deps.conversations.rules,
      tx,
      actor,
      input.conversationId,
      'view',
    );
    if (row.kind !== 'sms') throw notMessageCenter();
    const rows = await transfersOf(tx, actor.firmId, row.id);
    const items = await presentTransfers(tx, deps, row, rows);
    const noteIds = rows.flatMap((r) => (r.noteMessageId ? [r.noteMessageId] : [])).reverse();
    if (noteIds.length > 0)
      await auditConversationRead(tx, deps, {
        actor,
        ip: input.ip,
        conversation: row,
        messageIds: noteIds,
        member: membership !== null,
      });
    return { items };
  });
}
