import type { QueryClient } from '@tanstack/react-query';
import type { StreamEvent } from '../../../contracts/realtime/events';
import { type MessagesData, upsertMessage } from './model';
import { chatKeys } from './queries';

/**
 * Applies a stream event to the open chats: a new message is patched into its conversation's cached
 * messages (no refetch of the pages already loaded); a delivery change patches the message it names, or
 * makes the conversation's messages stale when the cache does not hold it; a deleted conversation's
 * messages are dropped. Lists, details (status, members, unread counts) and notifications are refreshed by
 * the shell (live-updates.ts).
 */
export function applyChatEvent(queryClient: QueryClient, event: StreamEvent): void {
  switch (event.type) {
    case 'message.created': {
      const key = chatKeys.messages(event.data.conversationId);
      if (!queryClient.getQueryData<MessagesData>(key)) return;
      queryClient.setQueryData<MessagesData>(key, (data) => upsertMessage(data, event.data.message));
      return;
    }
    case 'message.updated': {
      const { conversationId, messageId, deliveries } = event.data;
      const key = chatKeys.messages(conversationId);
      const cached = queryClient.getQueryData<MessagesData>(key);
      if (!cached) return;
      if (cached.pages.some((p) => p.items.some((m) => m.id === messageId))) {
        queryClient.setQueryData<MessagesData>(key, (data) =>
          upsertMessage(data, { id: messageId, deliveries }),
        );
      } else {
        void queryClient.invalidateQueries({ queryKey: key });
      }
      return;
    }
    case 'conversation.deleted':
      queryClient.removeQueries({ queryKey: chatKeys.messages(event.data.id) });
      return;
    default:
  }
}
