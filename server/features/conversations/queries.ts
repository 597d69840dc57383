import { and, eq } from 'drizzle-orm';
import type { Audience } from '../../platform/bus/bus';
import type { Executor } from '../../platform/db/client';
import { conversationMembers, conversations, type messages } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { canViewConversation } from './policy';

// Loaders shared by the conversation use cases and by the features that build on conversations.

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type MemberRow = typeof conversationMembers.$inferSelect;

/** The conversation (row locked when asked), or null when the firm has no such conversation. */
export async function loadConversation(
  ex: Executor,
  firmId: string,
  id: string,
  lock = false,
): Promise<ConversationRow | null> {
  const query = ex
    .select()
    .from(conversations)
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The actor's own membership row of a conversation, or null. */
export async function loadMembership(
  ex: Executor,
  firmId: string,
  conversationId: string,
  userId: string,
): Promise<MemberRow | null> {
  const [row] = await ex
    .select()
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.firmId, firmId),
        eq(conversationMembers.conversationId, conversationId),
        eq(conversationMembers.memberType, 'user'),
        eq(conversationMembers.memberId, userId),
      ),
    );
  return row ?? null;
}

/** A conversation the actor may see with the actor's membership (null for view_all readers). */
export interface VisibleConversation {
  row: ConversationRow;
  membership: MemberRow | null;
}

/** The conversation and the actor's membership, or 404 when it does not exist or is not theirs to see. */
export async function loadVisibleConversationWithMembership(
  ex: Executor,
  actor: StaffActor,
  id: string,
  lock = false,
): Promise<VisibleConversation> {
  const row = await loadConversation(ex, actor.firmId, id, lock);
  if (!row) throw notFound('conversation');
  const membership = await loadMembership(ex, actor.firmId, id, actor.userId);
  if (!canViewConversation(actor, row, membership !== null)) throw notFound('conversation');
  return { row, membership };
}

/** The conversation when the actor may see it; 404 otherwise (also for non-members). */
export async function loadVisibleConversation(
  ex: Executor,
  actor: StaffActor,
  id: string,
): Promise<ConversationRow> {
  return (await loadVisibleConversationWithMembership(ex, actor, id)).row;
}

/** Ids of the conversation's user members. */
export async function userMemberIds(ex: Executor, firmId: string, conversationId: string): Promise<string[]> {
  const rows = await ex
    .select({ id: conversationMembers.memberId })
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.firmId, firmId),
        eq(conversationMembers.conversationId, conversationId),
        eq(conversationMembers.memberType, 'user'),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * Who receives the conversation's real-time events: its staff members and, for secure chat, the
 * holders of secure_chat.view_all. Contacts are left out: staff notes must never reach them, and
 * the portal stream gets its own, filtered events.
 */
export async function memberAudience(
  ex: Executor,
  firmId: string,
  conversation: Pick<ConversationRow, 'id' | 'kind'>,
): Promise<Audience> {
  return audienceOf(conversation, await userMemberIds(ex, firmId, conversation.id));
}

/** The audience of a conversation whose user member ids are known. */
export function audienceOf(conversation: Pick<ConversationRow, 'kind'>, userIds: string[]): Audience {
  return conversation.kind === 'secure_chat' ? { userIds, permission: 'secure_chat.view_all' } : { userIds };
}
