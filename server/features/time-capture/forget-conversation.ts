import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { billableEvents } from '../../platform/db/schema';
import type { ConversationRow } from '../conversations/queries';

/**
 * Called when a conversation is deleted, in the deleting transaction: its billable events keep their
 * time, matter and timekeeper but lose the link, stop collecting texts, and drop any quoted content
 * (a generated description falls back to its content-free summary; one a person wrote is theirs).
 */
export async function forgetConversation(
  tx: Tx,
  conversation: Pick<ConversationRow, 'firmId' | 'id'>,
): Promise<void> {
  const { firmId, id: conversationId } = conversation;
  await tx
    .update(billableEvents)
    .set({
      conversationId: null,
      collecting: false,
      description: sql`case when ${billableEvents.edited} then ${billableEvents.description} else ${billableEvents.summary} end`,
    })
    .where(and(eq(billableEvents.firmId, firmId), eq(billableEvents.conversationId, conversationId)));
}
