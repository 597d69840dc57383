import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/client';
import {
  conversationMembers,
  conversations,
  mcTransfers,
  teamMembers,
  teams,
  users,
} from '../../platform/db/schema';
import type { ConversationRow } from '../conversations/queries';

// The reads and writes of transfers: targets, the agent's teams, the pending transfer, the hand-over.

export type TransferRow = typeof mcTransfers.$inferSelect;

/** The member role of a colleague invited to a warm transfer: they see the conversation meanwhile. */
export const INVITEE_ROLE = 'transfer_invitee';
/** The member role of the agent holding a Message Center conversation (as a claim makes it). */
export const AGENT_ROLE = 'agent';

/** A staff user of the firm with what decides whether they can take conversations. */
export async function loadUser(ex: Executor, firmId: string, id: string) {
  const [row] = await ex
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      permissions: users.permissions,
      active: users.active,
    })
    .from(users)
    .where(and(eq(users.firmId, firmId), eq(users.id, id)));
  return row ?? null;
}

/** A team or circle of the firm. */
export async function loadTeam(ex: Executor, firmId: string, id: string) {
  const [row] = await ex
    .select({ id: teams.id, name: teams.name, kind: teams.kind })
    .from(teams)
    .where(and(eq(teams.firmId, firmId), eq(teams.id, id)));
  return row ?? null;
}

/** The teams (kind team) the user belongs to, by name. */
export async function agentTeams(ex: Executor, firmId: string, userId: string): Promise<string[]> {
  const rows = await ex
    .select({ id: teams.id })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.firmId, teamMembers.firmId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.firmId, firmId), eq(teamMembers.userId, userId), eq(teams.kind, 'team')))
    .orderBy(asc(teams.name), asc(teams.id));
  return rows.map((r) => r.id);
}

/** The warm transfer of the conversation awaiting an answer, if any. */
export async function pendingTransfer(ex: Executor, firmId: string, conversationId: string) {
  const [row] = await ex
    .select()
    .from(mcTransfers)
    .where(
      and(
        eq(mcTransfers.firmId, firmId),
        eq(mcTransfers.conversationId, conversationId),
        eq(mcTransfers.status, 'pending'),
      ),
    );
  return row ?? null;
}

/** The conversation's transfers, oldest first. */
export async function transfersOf(ex: Executor, firmId: string, conversationId: string) {
  return ex
    .select()
    .from(mcTransfers)
    .where(and(eq(mcTransfers.firmId, firmId), eq(mcTransfers.conversationId, conversationId)))
    .orderBy(asc(mcTransfers.createdAt), asc(mcTransfers.id));
}

/** Settles a pending transfer (accepted, declined, cancelled); answers the row as it now is. */
export async function settleTransfer(
  tx: Tx,
  row: TransferRow,
  outcome: 'accepted' | 'declined' | 'cancelled',
  /** Who settled it; null when the conversation closed by the customer's opt-out. */
  by: string | null,
  now: Date,
): Promise<TransferRow> {
  const [settled] = await tx
    .update(mcTransfers)
    .set({ status: outcome, decidedAt: now, decidedBy: by })
    .where(
      and(eq(mcTransfers.firmId, row.firmId), eq(mcTransfers.id, row.id), eq(mcTransfers.status, 'pending')),
    )
    .returning();
  return settled as TransferRow;
}

/** The user members of the conversation other than `keep` (their ids). */
async function otherUserMembers(tx: Tx, row: ConversationRow, keep: string | null) {
  const found = await tx
    .select({ id: conversationMembers.memberId })
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.firmId, row.firmId),
        eq(conversationMembers.conversationId, row.id),
        eq(conversationMembers.memberType, 'user'),
        keep === null ? sql`true` : ne(conversationMembers.memberId, keep),
      ),
    );
  return found.map((r) => r.id);
}

/** Removes one user member; true when they were one. */
export async function removeUserMember(tx: Tx, row: ConversationRow, userId: string, role?: string) {
  const removed = await tx
    .delete(conversationMembers)
    .where(
      and(
        eq(conversationMembers.firmId, row.firmId),
        eq(conversationMembers.conversationId, row.id),
        eq(conversationMembers.memberType, 'user'),
        eq(conversationMembers.memberId, userId),
        role === undefined ? sql`true` : eq(conversationMembers.role, role),
      ),
    )
    .returning({ id: conversationMembers.memberId });
  return removed.length > 0;
}

/** Makes the user a member with the role (an existing membership takes the role, keeping its read state). */
export async function putUserMember(
  tx: Tx,
  row: ConversationRow,
  userId: string,
  role: string,
  by: string,
  now: Date,
) {
  await tx
    .insert(conversationMembers)
    .values({
      firmId: row.firmId,
      conversationId: row.id,
      memberType: 'user',
      memberId: userId,
      role,
      addedBy: by,
      addedAt: now,
    })
    .onConflictDoUpdate({
      target: [
        conversationMembers.firmId,
        conversationMembers.conversationId,
        conversationMembers.memberType,
        conversationMembers.memberId,
      ],
      set: { role },
    });
}

/**
 * Hands the conversation over: to `assigneeId` in `teamId` (claimed by them from now), or, with no
 * assignee, to the team's queue (unclaimed, its claim clock restarting). The members it had (the
 * previous holder, an invited colleague) leave it, so they keep seeing it only if their team or a
 * permission lets them; the new holder becomes its member. Answers the row and who left.
 */
export async function handOver(
  tx: Tx,
  row: ConversationRow,
  to: { assigneeId: string | null; teamId: string | null },
  by: string,
  now: Date,
): Promise<{ row: ConversationRow; left: string[] }> {
  const left = await otherUserMembers(tx, row, to.assigneeId);
  for (const id of left) await removeUserMember(tx, row, id);
  const claimed = to.assigneeId !== null;
  const [updated] = await tx
    .update(conversations)
    .set({
      teamId: to.teamId,
      assigneeId: to.assigneeId,
      claimedAt: claimed ? now : null,
      unclaimedSince: claimed ? null : now,
      updatedAt: now,
    })
    .where(and(eq(conversations.firmId, row.firmId), eq(conversations.id, row.id)))
    .returning();
  if (to.assigneeId !== null) await putUserMember(tx, row, to.assigneeId, AGENT_ROLE, by, now);
  return { row: updated as ConversationRow, left };
}
