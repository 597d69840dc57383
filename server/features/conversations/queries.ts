import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { conversationMembers, conversations, type messages } from '../../platform/db/schema';

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
