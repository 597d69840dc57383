import type { QueryClient } from '@tanstack/react-query';
import type { StreamEvent } from '../../ui/useStream';
import {
  conversationIdOf,
  isCompleteMessage,
  type MessagesData,
  messageFromEvent,
  upsertMessage,
} from './model';
import { chatKeys } from './queries';

/**
 * Applies a stream event to the open chats: a new or changed message is patched into its conversation's
 * cached messages by id (no refetch of the pages already loaded); an update the event does not fully carry
 * makes that conversation's messages stale; a deleted conversation's messages are dropped. Lists, details
 * (status, members, unread counts) and notifications are refreshed by the shell (live-updates.ts).
 */
export function applyChatEvent(queryClient: QueryClient, event: StreamEvent): void {
  switch (event.type) {
    case 'message.created':
    case 'message.updated': {
      const { conversationId, message } = messageFromEvent(event.data);
      if (!conversationId) return;
      const key = chatKeys.messages(conversationId);
      const cached = queryClient.getQueryData<MessagesData>(key);
      if (!cached) return;
      const known = cached.pages.some((p) => p.items.some((m) => m.id === message?.id));
      if (message && (known || isCompleteMessage(message))) {
        queryClient.setQueryData<MessagesData>(key, (data) => upsertMessage(data, message));
      } else {
        void queryClient.invalidateQueries({ queryKey: key });
      }
      return;
    }
    case 'conversation.deleted': {
      const id = conversationIdOf(event.data);
      if (id) queryClient.removeQueries({ queryKey: chatKeys.messages(id) });
      return;
    }
    default:
  }
}
