import type { TransferOut } from '../../../contracts/transfers';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import { nameOf } from '../../platform/db/names';
import { can, type StaffActor } from '../../platform/http/actor';
import { forbidden, notFound } from '../../platform/http/problem';
import { conversationAudience, loadConversationFor } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { membersLeft } from '../conversations/members-left';
import { notifyUsers } from '../notifications/notify-users';
import { scheduleAlert } from './alerts';
import { conversationClosed, notMessageCenter } from './problems';
import { TRANSFER_NOTIFICATION } from './transfer';
import { answerTitle, destinationTeam, unionAudience } from './transfer-model';
import { presentTransfers } from './transfer-presenter';
import {
  agentTeams,
  handOver,
  INVITEE_ROLE,
  pendingTransfer,
  removeUserMember,
  settleTransfer,
} from './transfer-queries';

/** How a pending warm transfer ends: the colleague accepts or declines, the one who asked cancels. */
export type TransferAnswer = 'accept' | 'decline' | 'cancel';

const OUTCOME = { accept: 'accepted', decline: 'declined', cancel: 'cancelled' } as const;

/**
 * Ends the conversation's pending warm transfer. The invited colleague accepts (the conversation
 * becomes theirs, claimed, in destinationTeam's team; the previous holder leaves it) or declines
 * (the colleague leaves it; nothing else changes); the one who asked, the holder or a supervisor
 * cancels. 404 when no warm transfer is pending (or the caller cannot see the conversation), 403
 * when it is not the caller's to answer. The internal chat stays in the history either way; the one
 * who asked is notified of an answer; everyone who sees the conversation before or after hears
 * conversation.updated (transfer).
 */
export async function answerTransfer(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; answer: TransferAnswer },
): Promise<TransferOut> {
  const { actor, answer } = input;
  const { firmId } = actor;
  const rules = deps.conversations.rules;
  return inTransaction(deps, async (tx, events) => {
    const { row } = await loadConversationFor(rules, tx, actor, input.conversationId, 'view', { lock: true });
    if (row.kind !== 'sms') throw notMessageCenter();
    const pending = await pendingTransfer(tx, firmId, row.id);
    if (!pending) throw notFound('pending transfer');
    const invitee = pending.toUserId === actor.userId;
    const asker =
      pending.byUserId === actor.userId ||
      row.assigneeId === actor.userId ||
      can(actor, 'message_center.view_all');
    if (answer === 'cancel' ? !asker : !invitee)
      throw forbidden(
        answer === 'cancel'
          ? 'Only who asked for this transfer, the holder or a supervisor can cancel it.'
          : 'Only the colleague this transfer asks can answer it.',
      );
    if (answer === 'accept' && row.status !== 'open') throw conversationClosed();

    const now = deps.clock();
    const before = await conversationAudience(rules, tx, firmId, row);
    let current = row;
    let left: string[] = [];
    if (answer === 'accept') {
      const teamId = destinationTeam({
        currentTeamId: row.teamId,
        namedTeamId: pending.toTeamId,
        agentTeamIds: await agentTeams(tx, firmId, actor.userId),
      });
      const moved = await handOver(tx, row, { assigneeId: actor.userId, teamId }, actor.userId, now);
      current = moved.row;
      left = moved.left;
      await scheduleAlert(tx, deps, current);
    } else if (await removeUserMember(tx, row, pending.toUserId as string, INVITEE_ROLE)) {
      left = [pending.toUserId as string];
    }
    events.push(...(await membersLeft(tx, deps, current, left)));
    const settled = await settleTransfer(tx, pending, OUTCOME[answer], actor.userId, now);
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: `message_center.transfer_${OUTCOME[answer]}`,
        targetType: 'conversation',
        targetId: row.id,
        details: { transferId: pending.id, fromUserId: row.assigneeId, toUserId: pending.toUserId },
      },
      now,
    );
    if (answer !== 'cancel' && pending.byUserId !== actor.userId)
      events.push(
        ...(await notifyUsers(tx, deps, {
          firmId,
          userIds: [pending.byUserId],
          kind: TRANSFER_NOTIFICATION,
          title: answerTitle({
            by: await nameOf(tx, firmId, { type: 'user', id: actor.userId }),
            outcome: OUTCOME[answer] as 'accepted' | 'declined',
          }),
          conversationId: row.id,
        })),
      );
    const after = await conversationAudience(rules, tx, firmId, current);
    events.push(
      busEvent(
        'conversation.updated',
        firmId,
        unionAudience(before, after),
        conversationUpdated(current, 'transfer'),
      ),
    );
    const [out] = await presentTransfers(tx, deps, current, [settled]);
    return out as TransferOut;
  });
}
