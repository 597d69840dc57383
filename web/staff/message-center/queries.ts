import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ConversationOut } from '../../../contracts/conversations';
import type {
  ConsentEntry,
  DashboardCounts,
  DashboardFilter,
  QuickReply,
} from '../../../contracts/message-center';
import type { Page } from '../../../contracts/page';
import { useApi } from '../../ui/Providers';

/** Rows one page of the dashboard loads. */
export const DASHBOARD_PAGE_SIZE = 50;

/** What the dashboard list shows. */
export interface DashboardView {
  filter: DashboardFilter;
  teamId: string | null;
  q: string;
}

/**
 * Query keys. Lists, counts and consent live under ['conversations'], so the shell refetches them on every
 * conversation, message and read event (live-updates.ts); details and messages use Secure Chat's keys
 * (['conversations', 'detail', id] and ['messages', id]), which live events already patch.
 */
export const mcKeys = {
  all: ['conversations', 'message-center'] as const,
  list: (view: DashboardView) => ['conversations', 'message-center', 'list', view] as const,
  counts: (teamId: string | null) => ['conversations', 'message-center', 'counts', teamId] as const,
  consent: (id: string) => ['conversations', 'message-center', 'consent', id] as const,
  quickReplies: (groupId: string) => ['quick-replies', groupId] as const,
};

/** The dashboard's conversations for a filter, newest activity first; `fetchNextPage` loads more. */
export function useDashboard(view: DashboardView) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: mcKeys.list(view),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({
        kind: 'sms',
        filter: view.filter,
        limit: String(DASHBOARD_PAGE_SIZE),
      });
      if (view.teamId) params.set('teamId', view.teamId);
      if (view.q.trim()) params.set('q', view.q.trim());
      if (pageParam) params.set('cursor', pageParam);
      return api.get<Page<ConversationOut>>(`/api/v1/conversations?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** How many conversations each filter holds for the caller. */
export function useDashboardCounts(teamId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: mcKeys.counts(teamId),
    queryFn: () =>
      api.get<DashboardCounts>(
        `/api/v1/message-center/counts${teamId ? `?teamId=${encodeURIComponent(teamId)}` : ''}`,
      ),
  });
}

/** The consent ledger of a conversation's customer number and campaign number, oldest first. */
export function useConsent(conversationId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: mcKeys.consent(conversationId),
    queryFn: () =>
      api.get<Page<ConsentEntry>>(`/api/v1/conversations/${encodeURIComponent(conversationId)}/consent`),
    enabled,
  });
}

/** The quick replies of a group (the composer's menu). */
export function useQuickReplies(groupId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: mcKeys.quickReplies(groupId ?? ''),
    queryFn: () =>
      api.get<Page<QuickReply>>(
        `/api/v1/quick-replies?groupId=${encodeURIComponent(groupId ?? '')}&limit=200`,
      ),
    enabled: Boolean(groupId),
    staleTime: 60_000,
  });
}
