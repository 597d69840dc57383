import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { conversations } from '../../platform/db/schema';
import { can, type StaffActor } from '../../platform/http/actor';
import { conversationAudience } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { conversationDetail } from '../conversations/conversation-views';
import type { ConversationRow } from '../conversations/queries';
import { loadOpenConversationToWork } from './open-conversation';
import { claimedBy } from './problems';

/** Closes an open conversation row (no wait, no claim clock left) inside the caller's transaction. */
export async function closeRow(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  row: ConversationRow,
): Promise<ConversationRow> {
  const now = deps.clock();
  const [closed] = await tx
    .update(conversations)
    .set({ status: 'closed', endedAt: now, waitingSince: null, unclaimedSince: null, updatedAt: now })
    .where(and(eq(conversations.firmId, row.firmId), eq(conversations.id, row.id)))
    .returning();
  return closed as ConversationRow;
}

/**
 * Closes a Message Center conversation: it moves to Closed and the customer's next text opens a new
 * one. The claiming agent closes it, anyone of the team while it is unclaimed, and supervisors
 * (message_center.view_all) always; another agent's claim is 409 claimed. 409 conversation-closed
 * when it is already closed.
 */
export async function closeConversation(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string },
) {
  const { actor } = input;
  const { firmId } = actor;
  return inTransaction(deps, async (tx, events) => {
    const row = await loadOpenConversationToWork(deps, tx, actor, input.conversationId);
    const supervisor = can(actor, 'message_center.view_all');
    if (row.assigneeId !== null && row.assigneeId !== actor.userId && !supervisor)
      throw await claimedBy(
        tx,
        firmId,
        row.assigneeId,
        'Only the agent who claimed this conversation can close it.',
      );
    const closed = await closeRow(tx, deps, row);
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
    return conversationDetail(tx, deps, actor, closed);
  });
}
