import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BillableEventOut as BillableEvent,
  TimeEntryOut as TimeEntry,
} from '../../../contracts/time-capture';
import { useApi } from '../../ui/Providers';

/** What converting events would bill, as `POST /api/v1/billable-events/convert/preview` answers. */
export interface ConversionPreview {
  incrementMinutes: number;
  items: {
    billableEventId: string;
    durationSeconds: number;
    billedMinutes: number;
    hours: number;
    rate: number;
    amount: number;
    narrative: string;
    matter: { id: string; number: string; name: string } | null;
    timekeeper: { id: string; name: string } | null;
  }[];
  alreadyConverted: string[];
  total: { billedMinutes: number; hours: number; amount: number };
}

/** A call or e-mail to log as a billable event. */
export type LoggedEvent =
  | {
      source: 'call';
      matterId: string;
      contactId?: string;
      startedAt: string;
      endedAt?: string;
      durationSeconds?: number;
      description?: string;
    }
  | { source: 'email'; matterId: string; contactId?: string; sentAt: string; description?: string };

/** Changes to a time entry before it is exported. */
export interface EntryPatch {
  durationSeconds?: number;
  narrative?: string;
  date?: string;
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['billable-events'] }),
      queryClient.invalidateQueries({ queryKey: ['time-entries'] }),
    ]);
}

/** The conversion preview (read-only, so a mutation only in that it is asked for on demand). */
export function useConversionPreview() {
  const api = useApi();
  return useMutation({
    mutationFn: (ids: string[]) =>
      api.post<ConversionPreview>('/api/v1/billable-events/convert/preview', { ids }),
  });
}

/** Logs a call or an e-mail; the time page refreshes. */
export function useLogEvent() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: LoggedEvent) => api.post<BillableEvent>('/api/v1/billable-events', body),
    onSuccess: refresh,
  });
}

/** Corrections and deletions of time entries until they are exported. */
export function useEntryMutations() {
  const api = useApi();
  const refresh = useRefresh();
  return {
    update: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: EntryPatch }) =>
        api.patch<TimeEntry>(`/api/v1/time-entries/${encodeURIComponent(id)}`, patch),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/api/v1/time-entries/${encodeURIComponent(id)}`),
      onSuccess: refresh,
    }),
  };
}
