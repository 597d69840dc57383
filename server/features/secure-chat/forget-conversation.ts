import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { secureChatLinks } from '../../platform/db/schema';
import type { ConversationRow } from '../conversations/queries';

/** Called when a conversation is deleted: its link frees the pool number, so the client's next texts land nowhere. */
export async function unlinkDeletedConversation(
  tx: Tx,
  conversation: Pick<ConversationRow, 'firmId' | 'id'>,
): Promise<void> {
  await tx
    .delete(secureChatLinks)
    .where(
      and(
        eq(secureChatLinks.firmId, conversation.firmId),
        eq(secureChatLinks.conversationId, conversation.id),
      ),
    );
}
