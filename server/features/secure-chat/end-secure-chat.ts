import { and, eq } from 'drizzle-orm';
import type { ConversationDetailOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import { conversations, secureChatLinks } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict, unprocessable } from '../../platform/http/problem';
import { conversationAudience, loadConversationFor, requireAbility } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { conversationDetail } from '../conversations/conversation-views';
import type { ConversationRow } from '../conversations/queries';

/**
 * Ends a secure chat (creator only): the thread stays readable as an archive, but its SMS link is
 * deleted, which frees a slot under the open-thread limit and the pool number for this client.
 * Nobody can send in it again (409 conversation-ended), and a later text from the client to that
 * number no longer lands in it: see receiveInboundSms for what happens to such a text.
 */
export async function endSecureChat(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string },
): Promise<ConversationDetailOut> {
  const { actor } = input;
  const firmId = actor.firmId;
  return inTransaction(deps, async (tx, events) => {
    // Loaded for viewing first: ending another kind is a 422 whoever asks, not a 403.
    const found = await loadConversationFor(
      deps.conversations.rules,
      tx,
      actor,
      input.conversationId,
      'view',
      { lock: true },
    );
    const { row } = found;
    if (row.kind !== 'secure_chat')
      throw unprocessable('not-secure-chat', 'Only secure chat threads can be ended.');
    requireAbility(found, 'end');
    if (row.status === 'ended') throw conflict('already-ended', 'This thread has already ended.');

    const now = deps.clock();
    await tx
      .delete(secureChatLinks)
      .where(and(eq(secureChatLinks.firmId, firmId), eq(secureChatLinks.conversationId, row.id)));
    const [ended] = await tx
      .update(conversations)
      .set({ status: 'ended', endedAt: now, waitingSince: null, updatedAt: now })
      .where(and(eq(conversations.firmId, firmId), eq(conversations.id, row.id)))
      .returning();
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'secure_chat.ended',
        targetType: 'conversation',
        targetId: row.id,
        details: { matterId: row.matterId, firmPhone: row.firmPhone },
      },
      now,
    );
    const current = ended as ConversationRow;
    events.push(
      busEvent(
        'conversation.updated',
        firmId,
        await conversationAudience(deps.conversations.rules, tx, firmId, current),
        conversationUpdated(current, 'status'),
      ),
    );
    return conversationDetail(tx, deps, actor, current);
  });
}
