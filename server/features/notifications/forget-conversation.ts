import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { notifications } from '../../platform/db/schema';
import type { ConversationRow } from '../conversations/queries';

/** Called when a conversation is deleted: its notifications go too, read or not, since they point at nothing. */
export async function forgetConversationNotifications(
  tx: Tx,
  conversation: Pick<ConversationRow, 'firmId' | 'id'>,
): Promise<void> {
  await tx
    .delete(notifications)
    .where(
      and(eq(notifications.firmId, conversation.firmId), eq(notifications.conversationId, conversation.id)),
    );
}
