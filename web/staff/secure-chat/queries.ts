import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Contact } from '../../../contracts/contacts';
import type { ConversationDetailOut, ConversationOut } from '../../../contracts/conversations';
import type { Page } from '../../../contracts/page';
import type { User } from '../../../contracts/users';
import { useApi } from '../../ui/Providers';
import type { Message, MessagesData, Texting } from './model';
import { type ChatScope, scopeParams } from './scope';

/** How many messages one page of the chat loads. */
export const MESSAGE_PAGE_SIZE = 30;

/**
 * Query keys. Lists and details live under ['conversations'] (the shell refetches them on every conversation,
 * message and read event); messages live under ['messages', id] and are patched in place by live events.
 */
export const chatKeys = {
  list: (scope: ChatScope, view: ThreadFilter = { status: 'open', q: '' }) =>
    ['conversations', 'list', { kind: 'secure_chat', ...scope, ...view }] as const,
  /** Every cached conversation list: a change may show in a matter's and in a contact's tab. */
  lists: ['conversations', 'list'] as const,
  detail: (id: string) => ['conversations', 'detail', id] as const,
  messages: (id: string) => ['messages', id] as const,
  users: ['users', 'active'] as const,
  contact: (id: string) => ['contacts', id] as const,
};

/** Which threads the list shows: open, ended or all, narrowed by a search of the client's name or number. */
export interface ThreadFilter {
  status: 'open' | 'ended' | 'all';
  q: string;
}

/** The secure chats of a matter or of a contact that the caller may see, filtered and searched on the server. */
export function useSecureChats(scope: ChatScope, view: ThreadFilter = { status: 'open', q: '' }) {
  const api = useApi();
  const params = new URLSearchParams({ kind: 'secure_chat', ...scopeParams(scope), limit: '200' });
  if (view.status !== 'all') params.set('filter', view.status);
  if (view.q.trim()) params.set('q', view.q.trim());
  return useQuery({
    queryKey: chatKeys.list(scope, view),
    queryFn: () => api.get<Page<ConversationOut>>(`/api/v1/conversations?${params}`),
    placeholderData: (previous) => previous,
  });
}

/** One conversation with its members and the caller's abilities. */
export function useConversation(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: chatKeys.detail(id),
    queryFn: () => api.get<ConversationDetailOut>(`/api/v1/conversations/${encodeURIComponent(id)}`),
  });
}

/** The messages of a conversation, newest page first; `fetchNextPage` loads older ones. */
export function useMessages(id: string) {
  const api = useApi();
  return useInfiniteQuery<
    Page<Message>,
    Error,
    MessagesData,
    ReturnType<typeof chatKeys.messages>,
    string | undefined
  >({
    queryKey: chatKeys.messages(id),
    initialPageParam: undefined,
    queryFn: ({ pageParam }) => {
      const cursor = pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : '';
      return api.get<Page<Message>>(
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

/** What the caller's next text in a thread carries and the firm's segment thresholds. */
export function useTexting(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['conversations', 'texting', id] as const,
    queryFn: () => api.get<Texting>(`/api/v1/conversations/${encodeURIComponent(id)}/texting`),
  });
}
