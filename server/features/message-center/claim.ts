import { and, eq, isNull, or } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { conversationMembers, conversations } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conversationAudience } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { conversationDetail } from '../conversations/conversation-views';
import type { ConversationRow } from '../conversations/queries';
import { scheduleAlert } from './alerts';
import { loadOpenConversationToWork } from './open-conversation';
import { claimedBy } from './problems';

/** Who claims which conversation, and from where. */
export interface ClaimInput {
  actor: StaffActor;
  ip?: string;
  conversationId: string;
}

/**
 * An agent claims an open Message Center conversation, after which they alone text the customer.
 * Atomic: the conditional UPDATE takes it only while nobody (or the caller) holds it, so of two
 * agents claiming at once one wins and the other gets 409 claimed naming the holder. Claiming one's
 * own claim again answers it unchanged. The agent becomes a member (read state, unread counts and
 * notifications of the customer's texts follow), and its audience hears conversation.updated (claim).
 */
export async function claimConversation(deps: Deps, input: ClaimInput) {
  return inTransaction(deps, async (tx, events) =>
    conversationDetail(tx, deps, input.actor, await takeClaim(tx, deps, input, events)),
  );
}

/**
 * The claim itself, in the caller's transaction, answering the conversation as claimed: all of
 * claimConversation but its answer, for a caller that has no use for the agent's view of it (the demo
 * seed, whose claims would otherwise read that view 21 times for nothing).
 */
export async function takeClaim(
  tx: Tx,
  deps: Deps,
  input: ClaimInput,
  events: PublishedEvent[],
): Promise<ConversationRow> {
  const { actor } = input;
  const { firmId } = actor;
  const row = await loadOpenConversationToWork(deps, tx, actor, input.conversationId);
  if (row.assigneeId === actor.userId) return row;
  const now = deps.clock();
  const [claimed] = await tx
    .update(conversations)
    .set({ assigneeId: actor.userId, claimedAt: now, unclaimedSince: null, updatedAt: now })
    .where(
      and(
        eq(conversations.firmId, firmId),
        eq(conversations.id, row.id),
        eq(conversations.status, 'open'),
        or(isNull(conversations.assigneeId), eq(conversations.assigneeId, actor.userId)),
      ),
    )
    .returning();
  if (!claimed) {
    const [holder] = await tx
      .select({ id: conversations.assigneeId })
      .from(conversations)
      .where(and(eq(conversations.firmId, firmId), eq(conversations.id, row.id)));
    throw await claimedBy(tx, firmId, holder?.id ?? '', 'Another agent has claimed this conversation.');
  }
  const current = claimed as ConversationRow;
  await tx
    .insert(conversationMembers)
    .values({
      firmId,
      conversationId: row.id,
      memberType: 'user',
      memberId: actor.userId,
      role: 'agent',
      addedBy: actor.userId,
      addedAt: now,
    })
    .onConflictDoNothing();
  await recordAudit(
    tx,
    {
      ...auditActor(actor, input.ip),
      action: 'message_center.claimed',
      targetType: 'conversation',
      targetId: row.id,
    },
    now,
  );
  await scheduleAlert(tx, deps, current);
  events.push(
    busEvent(
      'conversation.updated',
      firmId,
      await conversationAudience(deps.conversations.rules, tx, firmId, current),
      conversationUpdated(current, 'claim'),
    ),
  );
  return current;
}
