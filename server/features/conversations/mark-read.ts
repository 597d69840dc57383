import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import { conversationMembers, messages, notifications } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { invalidField } from '../../platform/http/problem';
import { conversationAudience, loadConversationFor } from './access';
import { memberReadStates } from './message-views';
import { advancesReadState } from './model';

/**
 * Marks the conversation read up to a message for the caller. Read state only moves forward; a
 * reader who is not a member (secure_chat.view_all) has none, so nothing changes for them.
 * Members are told with `read.updated` (read receipts). The caller's notifications about the
 * messages now read are marked read too (`notification.read`), so the bell agrees with the chat.
 */
export async function markConversationRead(
  deps: Deps,
  input: { actor: StaffActor; conversationId: string; messageId: string },
) {
  const { actor } = input;
  return inTransaction(deps, async (tx, events) => {
    const { row, membership } = await loadConversationFor(
      deps.conversations.rules,
      tx,
      actor,
      input.conversationId,
      'view',
    );
    const [target] = await tx
      .select({ id: messages.id, createdAt: messages.createdAt })
      .from(messages)
      .where(
        and(
          eq(messages.firmId, actor.firmId),
          eq(messages.conversationId, row.id),
          eq(messages.id, input.messageId),
        ),
      );
    if (!target) throw invalidField('body.messageId', 'is not a message of this conversation');
    if (!membership) return { lastReadMessageId: null, unreadCount: 0 };

    const states = await memberReadStates(tx, row);
    const mine = states.find((s) => s.type === 'user' && s.id === actor.userId);
    let lastReadMessageId = membership.lastReadMessageId;
    if (advancesReadState(mine?.lastRead ?? null, target)) {
      const at = deps.clock();
      await tx
        .update(conversationMembers)
        .set({ lastReadMessageId: target.id, lastReadAt: at })
        .where(
          and(
            eq(conversationMembers.firmId, actor.firmId),
            eq(conversationMembers.conversationId, row.id),
            eq(conversationMembers.memberType, 'user'),
            eq(conversationMembers.memberId, actor.userId),
          ),
        );
      lastReadMessageId = target.id;
      const cleared = await tx
        .update(notifications)
        .set({ readAt: at })
        .where(
          and(
            eq(notifications.firmId, actor.firmId),
            eq(notifications.userId, actor.userId),
            eq(notifications.conversationId, row.id),
            sql`${notifications.readAt} is null`,
            sql`${notifications.messageId} in (select m.id from ${messages} m where m.firm_id = ${actor.firmId}
              and m.conversation_id = ${row.id} and (m.created_at, m.id) <= (${target.createdAt}, ${target.id}::uuid))`,
          ),
        )
        .returning({ id: notifications.id });
      if (cleared.length > 0)
        events.push(
          busEvent(
            'notification.read',
            actor.firmId,
            { userIds: [actor.userId] },
            {
              ids: cleared.map((n) => n.id),
              conversationId: row.id,
            },
          ),
        );
      events.push(
        busEvent(
          'read.updated',
          actor.firmId,
          await conversationAudience(deps.conversations.rules, tx, actor.firmId, row),
          {
            conversationId: row.id,
            memberType: 'user',
            memberId: actor.userId,
            lastReadMessageId: target.id,
            at: at.toISOString(),
          },
        ),
      );
    }
    const [unread] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(messages)
      .where(
        and(
          eq(messages.firmId, actor.firmId),
          eq(messages.conversationId, row.id),
          sql`not (${messages.authorType} = 'user' and ${messages.authorId} is not distinct from ${actor.userId}::uuid)`,
          sql`(${messages.createdAt}, ${messages.id}) > (select a.created_at, a.id from ${messages} a
            where a.firm_id = ${actor.firmId} and a.id = ${lastReadMessageId})`,
        ),
      );
    return { lastReadMessageId, unreadCount: Number(unread?.count ?? 0) };
  });
}
