import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Contact } from '../../../contracts/contacts';
import type { User } from '../../../contracts/users';
import { useApi } from '../../ui/Providers';
import type { MessagesData } from './model';
import { type ChatScope, scopeQuery } from './scope';
import type { ConversationDetail, ConversationSummary, MessagePage, Page } from './types';

/** How many messages one page of the chat loads. */
export const MESSAGE_PAGE_SIZE = 30;

/**
 * Query keys. Lists and details live under ['conversations'] (the shell refetches them on every conversation,
 * message and read event); messages live under ['messages', id] and are patched in place by live events.
 */
export const chatKeys = {
  list: (scope: ChatScope) => ['conversations', 'list', { kind: 'secure_chat', ...scope }] as const,
  /** Every cached conversation list: a change may show in a matter's and in a contact's tab. */
  lists: ['conversations', 'list'] as const,
  detail: (id: string) => ['conversations', 'detail', id] as const,
  messages: (id: string) => ['messages', id] as const,
  users: ['users', 'active'] as const,
  contact: (id: string) => ['contacts', id] as const,
};

/** The secure chats of a matter or of a contact that the caller may see. */
export function useSecureChats(scope: ChatScope) {
  const api = useApi();
  return useQuery({
    queryKey: chatKeys.list(scope),
    queryFn: () =>
      api.get<Page<ConversationSummary>>(
        `/api/v1/conversations?kind=secure_chat&${scopeQuery(scope)}&limit=200`,
      ),
  });
}

/** One conversation with its members and the caller's abilities. */
export function useConversation(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: chatKeys.detail(id),
    queryFn: () => api.get<ConversationDetail>(`/api/v1/conversations/${encodeURIComponent(id)}`),
  });
}

/** The messages of a conversation, newest page first; `fetchNextPage` loads older ones. */
export function useMessages(id: string) {
  const api = useApi();
  return useInfiniteQuery<
    MessagePage,
    Error,
    MessagesData,
    ReturnType<typeof chatKeys.messages>,
    string | undefined
  >({
    queryKey: chatKeys.messages(id),
    initialPageParam: undefined,
    queryFn: ({ pageParam }) => {
      const cursor = pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : '';
      return api.get<MessagePage>(
        `/api/v1/conversations/${encodeURIComponent(id)}/messages?limit=${MESSAGE_PAGE_SIZE}${cursor}`,
      );
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Live events keep the cache current; a refetch would replace every loaded page.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The firm's active staff users (names of authors, owners and assignees; the add-member picker). */
export function useUsers() {
  const api = useApi();
  return useQuery({
    queryKey: chatKeys.users,
    queryFn: () => api.get<Page<User>>('/api/v1/users?active=true&limit=200'),
    staleTime: 5 * 60_000,
  });
}

/** One contact (for its phone numbers); disabled until an id is given. */
export function useContact(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: chatKeys.contact(id ?? ''),
    queryFn: () => api.get<Contact>(`/api/v1/contacts/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}
