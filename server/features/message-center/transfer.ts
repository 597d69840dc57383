import { v7 as uuidv7 } from 'uuid';
import type { TransferOut } from '../../../contracts/transfers';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { nameOf } from '../../platform/db/names';
import { mcTransfers } from '../../platform/db/schema';
import { can, type StaffActor } from '../../platform/http/actor';
import { conflict, forbidden, invalidField, unprocessable } from '../../platform/http/problem';
import { conversationAudience, loadConversationFor, teamViewers } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { membersLeft } from '../conversations/members-left';
import type { ConversationRow } from '../conversations/queries';
import { storeMessage } from '../conversations/store-message';
import { notifyUsers } from '../notifications/notify-users';
import { scheduleAlert } from './alerts';
import { ensureWorksConversations } from './policy';
import { conversationClosed, notMessageCenter } from './problems';
import { destinationTeam, mayTransfer, transferTitle, unionAudience } from './transfer-model';
import { presentTransfers } from './transfer-presenter';
import {
  agentTeams,
  handOver,
  INVITEE_ROLE,
  loadTeam,
  loadUser,
  pendingTransfer,
  putUserMember,
  type TransferRow,
} from './transfer-queries';
import type { TransferBody } from './transfer-schemas';

/** The notification kind of a transfer to its receiver. */
export const TRANSFER_NOTIFICATION = 'message_center.transfer';

/** 409 transfer-pending: a warm transfer awaits the colleague's answer. */
export const transferPending = () =>
  conflict(
    'transfer-pending',
    'A warm transfer of this conversation awaits an answer; cancel it or wait before transferring again.',
  );

/** The agent a transfer names: an active user of the firm with message_center.use (400 / 422 otherwise). */
async function targetAgent(tx: Tx, firmId: string, id: string) {
  const user = await loadUser(tx, firmId, id);
  if (!user) throw invalidField('body.toUserId', 'no such user in your firm');
  const agent = user.active && (user.role === 'admin' || user.permissions.includes('message_center.use'));
  if (!agent)
    throw unprocessable('not-an-agent', `${user.name} does not work in the Message Center (toUserId).`);
  return user;
}

/** The team a transfer names: a team (not a circle) of the firm (400 / 422 otherwise). */
async function targetTeam(tx: Tx, firmId: string, id: string) {
  const team = await loadTeam(tx, firmId, id);
  if (!team) throw invalidField('body.toTeamId', 'no such team in your firm');
  if (team.kind !== 'team')
    throw unprocessable(
      'not-a-team',
      `${team.name} is a circle, not a team conversations can go to (toTeamId).`,
    );
  return team;
}

/** Where the transfer goes: the agent (if any) and the team it lands in. */
async function destination(tx: Tx, row: ConversationRow, body: Pick<TransferBody, 'toUserId' | 'toTeamId'>) {
  const team = body.toTeamId ? await targetTeam(tx, row.firmId, body.toTeamId) : null;
  if (!body.toUserId) return { agentId: null, teamId: team?.id ?? row.teamId };
  const agent = await targetAgent(tx, row.firmId, body.toUserId);
  const teamsOfAgent = await agentTeams(tx, row.firmId, agent.id);
  if (team && !teamsOfAgent.includes(team.id))
    throw unprocessable('not-in-team', `${agent.name} is not in ${team.name} (toUserId, toTeamId).`);
  return {
    agentId: agent.id,
    teamId: destinationTeam({
      currentTeamId: row.teamId,
      namedTeamId: team?.id ?? null,
      agentTeamIds: teamsOfAgent,
    }),
  };
}

/** The handoff note as an internal message of the conversation, authored by the one transferring. */
async function storeNote(
  tx: Tx,
  deps: Deps,
  row: ConversationRow,
  actor: StaffActor,
  note: string | undefined,
) {
  if (!note) return { id: null, events: [] as PublishedEvent[] };
  const stored = await storeMessage(tx, deps, {
    conversation: row,
    author: { type: 'user', id: actor.userId },
    body: note,
    visibility: 'internal',
    source: actor.via === 'token' ? 'api' : 'web',
  });
  return { id: stored.message.id, events: stored.events };
}

/**
 * Transfers a Message Center conversation to another agent or team; only its holder or a
 * supervisor may (403). History, notes and internal chat stay with it; the customer is not told.
 *
 * Cold: handed over at once. To a team, it waits unclaimed in that team's queue; to an agent, it is
 * theirs (claimed) in the team destinationTeam picks. The previous holder leaves it and keeps
 * seeing it only through their team or a permission. Warm (to an agent): the colleague is invited,
 * sees the conversation meanwhile (as a member) and chats with the holder in internal messages,
 * then accepts or declines (transfer-answer.ts); one warm transfer at a time (409 transfer-pending).
 *
 * The receiver (the agent, or the team's agents) is notified; everyone who sees the conversation
 * before or after hears conversation.updated (transfer), so it appears and disappears live.
 */
export async function transferConversation(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; body: TransferBody },
): Promise<TransferOut> {
  const { actor, body } = input;
  const { firmId } = actor;
  const rules = deps.conversations.rules;
  return inTransaction(deps, async (tx, events) => {
    const { row } = await loadConversationFor(rules, tx, actor, input.conversationId, 'view', { lock: true });
    if (row.kind !== 'sms') throw notMessageCenter();
    ensureWorksConversations(actor);
    if (row.status !== 'open') throw conversationClosed();
    const supervisor = can(actor, 'message_center.view_all');
    if (!mayTransfer({ assigneeId: row.assigneeId, actorId: actor.userId, supervisor }))
      throw forbidden('Only the agent who claimed this conversation or a supervisor can transfer it.');
    if (await pendingTransfer(tx, firmId, row.id)) throw transferPending();
    const to = await destination(tx, row, body);
    if (to.agentId !== null && to.agentId === row.assigneeId)
      throw unprocessable('already-holder', 'That agent already holds this conversation (toUserId).');
    if (to.agentId === null && to.teamId === row.teamId && row.assigneeId === null)
      throw unprocessable('already-there', 'The conversation already waits in that team’s queue (toTeamId).');

    const now = deps.clock();
    const before = await conversationAudience(rules, tx, firmId, row);
    let current = row;
    if (body.mode === 'cold') {
      const moved = await handOver(tx, row, { assigneeId: to.agentId, teamId: to.teamId }, actor.userId, now);
      current = moved.row;
      events.push(...(await membersLeft(tx, deps, current, moved.left)));
      await scheduleAlert(tx, deps, current);
    }
    const note = await storeNote(tx, deps, current, actor, body.note);
    events.push(...note.events);
    if (body.mode === 'warm')
      await putUserMember(tx, current, to.agentId as string, INVITEE_ROLE, actor.userId, now);
    const [transfer] = await tx
      .insert(mcTransfers)
      .values({
        firmId,
        id: uuidv7(),
        conversationId: row.id,
        mode: body.mode,
        status: body.mode === 'cold' ? 'completed' : 'pending',
        byUserId: actor.userId,
        fromUserId: row.assigneeId,
        fromTeamId: row.teamId,
        toUserId: to.agentId,
        toTeamId: to.teamId,
        noteMessageId: note.id,
        createdAt: now,
        decidedAt: body.mode === 'cold' ? now : null,
        decidedBy: body.mode === 'cold' ? actor.userId : null,
      })
      .returning();
    const saved = transfer as TransferRow;
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: body.mode === 'cold' ? 'message_center.transferred' : 'message_center.transfer_requested',
        targetType: 'conversation',
        targetId: row.id,
        details: {
          transferId: saved.id,
          mode: body.mode,
          fromUserId: row.assigneeId,
          fromTeamId: row.teamId,
          toUserId: to.agentId,
          toTeamId: to.teamId,
        },
      },
      now,
    );
    const receivers =
      to.agentId !== null
        ? [to.agentId]
        : to.teamId
          ? await teamViewers(tx, firmId, to.teamId, 'message_center.use')
          : [];
    const toTeam =
      to.agentId === null && to.teamId ? ((await loadTeam(tx, firmId, to.teamId))?.name ?? null) : null;
    events.push(
      ...(await notifyUsers(tx, deps, {
        firmId,
        userIds: receivers.filter((id) => id !== actor.userId),
        kind: TRANSFER_NOTIFICATION,
        title: transferTitle({
          by: await nameOf(tx, firmId, { type: 'user', id: actor.userId }),
          mode: body.mode,
          toTeam,
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
    const [out] = await presentTransfers(tx, deps, current, [saved]);
    return out as TransferOut;
  });
}
