import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../contracts/page';
import type { BillableEventOut, TimeEntryOut, TimekeepersOut } from '../../../contracts/time-capture';
import { useApi } from '../../ui/Providers';
import type { EventFilters } from './model';
import { eventsQuery } from './model';

/** A matter as the pickers offer it. */
export interface MatterOption {
  id: string;
  number: string;
  name: string;
}

/**
 * Query keys. The shell invalidates ['billable-events'] on billable_event.* stream events and
 * ['time-entries'] on time_entry.* ones, so a new captured event shows up while the page is open.
 */
export const timeKeys = {
  events: (filters: EventFilters) => ['billable-events', filters] as const,
  entries: (range: { from: string; to: string; userId: string | null }) => ['time-entries', range] as const,
  timekeepers: ['timekeepers'] as const,
  matters: ['matters', 'time-options'] as const,
};

export function useBillableEvents(filters: EventFilters, timeZone: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...timeKeys.events(filters), timeZone],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<Page<BillableEventOut>>(
        `/api/v1/billable-events?${eventsQuery(filters, timeZone)}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useTimeEntries(range: { from: string; to: string; userId: string | null }) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: timeKeys.entries(range),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: '100' });
      if (range.from) q.set('from', range.from);
      if (range.to) q.set('to', range.to);
      if (range.userId) q.set('userId', range.userId);
      if (pageParam) q.set('cursor', pageParam);
      return api.get<Page<TimeEntryOut>>(`/api/v1/time-entries?${q}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The timekeepers the caller may see, with what the caller may do with the firm's time. */
export function useTimekeepers() {
  const api = useApi();
  return useQuery({
    queryKey: timeKeys.timekeepers,
    queryFn: () => api.get<TimekeepersOut>('/api/v1/timekeepers'),
  });
}

export function useMatterOptions() {
  const api = useApi();
  return useQuery({
    queryKey: timeKeys.matters,
    queryFn: () => api.get<Page<MatterOption>>('/api/v1/matters?limit=200'),
  });
}

/** The changes a PATCH may carry. */
export interface EventPatch {
  durationSeconds?: number;
  description?: string;
  matterId?: string;
  status?: 'dismissed' | 'open';
}

/** Edits, dismissals and conversions; each refreshes the events and time entries shown. */
export function useTimeMutations() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['billable-events'] }),
      queryClient.invalidateQueries({ queryKey: ['time-entries'] }),
    ]);
  return {
    update: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: EventPatch }) =>
        api.patch<BillableEventOut>(`/api/v1/billable-events/${encodeURIComponent(id)}`, patch),
      onSuccess: refresh,
    }),
    convert: useMutation({
      mutationFn: (ids: string[]) =>
        api.post<{ items: TimeEntryOut[] }>('/api/v1/billable-events/convert', { ids }).then((r) => r.items),
      onSuccess: refresh,
    }),
  };
}
