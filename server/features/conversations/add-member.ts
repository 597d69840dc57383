import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { conversationMembers, matterContacts, users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { unprocessable } from '../../platform/http/problem';
import { conversationAudience, loadConversationFor } from './access';
import { conversationUpdated } from './conversation-updated';
import { conversationDetail } from './conversation-views';

/** Whether the user is an active staff user of the firm. */
async function isActiveUser(tx: Tx, firmId: string, id: string) {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.firmId, firmId), eq(users.id, id), eq(users.active, true)));
  return row !== undefined;
}

/**
 * The creator adds a user of the firm or a contact linked to the conversation's matter; anyone
 * else is a 422 `not-linked`. Adding a member twice changes nothing (`created` false).
 */
export async function addMember(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; userId?: string; contactId?: string },
) {
  const { actor } = input;
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
    const memberType = input.userId ? 'user' : 'contact';
    const memberId = (input.userId ?? input.contactId) as string;
    if (memberType === 'user' && !(await isActiveUser(tx, firmId, memberId)))
      throw unprocessable('not-linked', 'Only active users of the firm can be added.');
    if (memberType === 'contact') {
      const [link] = row.matterId
        ? await tx
            .select({ contactId: matterContacts.contactId })
            .from(matterContacts)
            .where(
              and(
                eq(matterContacts.firmId, firmId),
                eq(matterContacts.matterId, row.matterId),
                eq(matterContacts.contactId, memberId),
              ),
            )
        : [];
      if (!link) throw unprocessable('not-linked', 'Only contacts linked to the matter can be added.');
    }
    const inserted = await tx
      .insert(conversationMembers)
      .values({
        firmId,
        conversationId: row.id,
        memberType,
        memberId,
        role: 'member',
        addedBy: actor.userId,
        addedAt: deps.clock(),
      })
      .onConflictDoNothing()
      .returning({ memberId: conversationMembers.memberId });
    const created = inserted.length > 0;
    if (created) {
      await recordAudit(
        tx,
        {
          ...auditActor(actor, input.ip),
          action: 'conversation.member_added',
          targetType: 'conversation',
          targetId: row.id,
          details: { memberType, memberId },
        },
        deps.clock(),
      );
      events.push(
        busEvent(
          'conversation.updated',
          firmId,
          await conversationAudience(deps.conversations.rules, tx, firmId, row),
          conversationUpdated(row, 'members'),
        ),
      );
      if (memberType === 'user')
        for (const listener of deps.conversations.membershipChanged)
          events.push(
            ...(await listener(tx, deps, {
              conversation: row,
              userId: memberId,
              change: 'added',
              by: actor.userId,
            })),
          );
    }
    return { created, conversation: await conversationDetail(tx, deps, actor, row) };
  });
}
