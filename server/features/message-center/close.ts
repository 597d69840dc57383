import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { conversations } from '../../platform/db/schema';
import { can, type StaffActor } from '../../platform/http/actor';
import { conversationAudience } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { conversationDetail } from '../conversations/conversation-views';
import { membersLeft } from '../conversations/members-left';
import type { ConversationRow } from '../conversations/queries';
import { loadOpenConversationToWork } from './open-conversation';
import { claimedBy } from './problems';
import { INVITEE_ROLE, pendingTransfer, removeUserMember, settleTransfer } from './transfer-queries';

/**
 * Closes an open conversation row (no wait, no claim clock left) inside the caller's transaction,
 * by an agent (`by`) or by the customer's opt-out (null). A warm transfer still pending is cancelled
 * and the colleague it asked leaves the conversation: nothing is left to take over. Answers the
 * closed row and the events of the colleague's leaving.
 */
export async function closeRow(
  tx: Tx,
  deps: Deps,
  row: ConversationRow,
  by: string | null,
): Promise<{ row: ConversationRow; events: PublishedEvent[] }> {
  const now = deps.clock();
  const [closed] = await tx
    .update(conversations)
    .set({ status: 'closed', endedAt: now, waitingSince: null, unclaimedSince: null, updatedAt: now })
    .where(and(eq(conversations.firmId, row.firmId), eq(conversations.id, row.id)))
    .returning();
  const current = closed as ConversationRow;
  const pending = await pendingTransfer(tx, row.firmId, row.id);
  if (!pending) return { row: current, events: [] };
  await settleTransfer(tx, pending, 'cancelled', by, now);
  const left =
    pending.toUserId && (await removeUserMember(tx, current, pending.toUserId, INVITEE_ROLE))
      ? [pending.toUserId]
      : [];
  return { row: current, events: await membersLeft(tx, deps, current, left) };
}

/** Who closes which conversation, and from where. */
export interface CloseInput {
  actor: StaffActor;
  ip?: string;
  conversationId: string;
}

/**
 * Closes a Message Center conversation: it moves to Closed and the customer's next text opens a new
 * one. The claiming agent closes it, anyone of the team while it is unclaimed, and supervisors
 * (message_center.view_all) always; another agent's claim is 409 claimed. 409 conversation-closed
 * when it is already closed.
 */
export async function closeConversation(deps: Deps, input: CloseInput) {
  return inTransaction(deps, async (tx, events) =>
    conversationDetail(tx, deps, input.actor, await closeByStaff(tx, deps, input, events)),
  );
}

/**
 * The closing itself, in the caller's transaction, answering the closed row: all of closeConversation
 * but its answer, for a caller with no use for the agent's view of it (the demo seed).
 */
export async function closeByStaff(
  tx: Tx,
  deps: Deps,
  input: CloseInput,
  events: PublishedEvent[],
): Promise<ConversationRow> {
  const { actor } = input;
  const { firmId } = actor;
  const row = await loadOpenConversationToWork(deps, tx, actor, input.conversationId);
  const supervisor = can(actor, 'message_center.view_all');
  if (row.assigneeId !== null && row.assigneeId !== actor.userId && !supervisor)
    throw await claimedBy(
      tx,
      firmId,
      row.assigneeId,
      'Only the agent who claimed this conversation can close it.',
    );
  const { row: closed, events: left } = await closeRow(tx, deps, row, actor.userId);
  events.push(...left);
  await recordAudit(
    tx,
    {
      ...auditActor(actor, input.ip),
      action: 'message_center.closed',
      targetType: 'conversation',
      targetId: row.id,
    },
    deps.clock(),
  );
  events.push(
    busEvent(
      'conversation.updated',
      firmId,
      await conversationAudience(deps.conversations.rules, tx, firmId, closed),
      conversationUpdated(closed, 'status'),
    ),
  );
  return closed;
}
