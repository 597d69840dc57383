import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import { conversationMembers } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict, notFound } from '../../platform/http/problem';
import { conversationAudience, loadConversationFor } from './access';
import { conversationUpdated } from './conversation-updated';
import { conversationDetail } from './conversation-views';
import { membersLeft } from './members-left';

/**
 * The creator removes a member (user or contact, by id). The creator cannot remove themselves:
 * a conversation always keeps the one who manages it. The removed user hears of it once more, and
 * their notifications of it go when they can no longer open it.
 */
export async function removeMember(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; memberId: string },
) {
  const { actor, memberId } = input;
  const firmId = actor.firmId;
  return inTransaction(deps, async (tx, events) => {
    const { row } = await loadConversationFor(
      deps.conversations.rules,
      tx,
      actor,
      input.conversationId,
      'manageMembers',
      {
        lock: true,
      },
    );
    if (memberId === row.createdBy)
      throw conflict('creator-required', 'The creator cannot be removed from the conversation.');
    const audience = await conversationAudience(deps.conversations.rules, tx, firmId, row);
    const removed = await tx
      .delete(conversationMembers)
      .where(
        and(
          eq(conversationMembers.firmId, firmId),
          eq(conversationMembers.conversationId, row.id),
          eq(conversationMembers.memberId, memberId),
        ),
      )
      .returning({ memberType: conversationMembers.memberType });
    if (removed.length === 0) throw notFound('member');
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'conversation.member_removed',
        targetType: 'conversation',
        targetId: row.id,
        details: { memberType: removed[0]?.memberType, memberId },
      },
      deps.clock(),
    );
    events.push(busEvent('conversation.updated', firmId, audience, conversationUpdated(row, 'members')));
    if (removed[0]?.memberType === 'user') events.push(...(await membersLeft(tx, deps, row, [memberId])));
    return conversationDetail(tx, deps, actor, row);
  });
}
