import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import { conversationMembers } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { loadConversationFor, memberOnlyAudience } from './access';
import { conversationUpdated } from './conversation-updated';
import { conversationDetail } from './conversation-views';

/**
 * Mutes or unmutes notifications of a conversation: a member for themselves, or the creator for
 * another member (memberId). Muted members still receive the conversation's live events.
 */
export async function setMute(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; muted: boolean; memberId?: string },
) {
  const { actor } = input;
  const firmId = actor.firmId;
  const target = input.memberId ?? actor.userId;
  return inTransaction(deps, async (tx, events) => {
    const { row } =
      target === actor.userId
        ? await loadConversationFor(deps.conversations.rules, tx, actor, input.conversationId, 'mute')
        : await loadConversationFor(
            deps.conversations.rules,
            tx,
            actor,
            input.conversationId,
            'manageMembers',
            {
              refusal: 'Only the creator can mute other members.',
            },
          );
    const changed = await tx
      .update(conversationMembers)
      .set({ muted: input.muted })
      .where(
        and(
          eq(conversationMembers.firmId, firmId),
          eq(conversationMembers.conversationId, row.id),
          eq(conversationMembers.memberId, target),
        ),
      )
      .returning({ memberType: conversationMembers.memberType });
    if (changed.length === 0) throw notFound('member');
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: input.muted ? 'conversation.muted' : 'conversation.unmuted',
        targetType: 'conversation',
        targetId: row.id,
        details: { memberId: target },
      },
      deps.clock(),
    );
    if (changed[0]?.memberType === 'user')
      events.push(
        busEvent(
          'conversation.updated',
          firmId,
          memberOnlyAudience(target),
          conversationUpdated(row, 'mute', { memberId: target, muted: input.muted }),
        ),
      );
    return conversationDetail(tx, deps, actor, row);
  });
}
