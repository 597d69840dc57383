import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../ui/Providers';

/** A matter as `GET /api/v1/matters/:id` answers it (the fields the matter page shows). */
export interface MatterDetail {
  id: string;
  number: string;
  name: string;
  ownerId: string;
  assigneeIds: string[];
  status: 'open' | 'closed';
  contactIds: string[];
  contacts?: { id: string; name: string; portal?: { status: string } }[];
  /** What the server lets the caller do with it. */
  abilities?: { update: boolean; linkContacts: boolean };
  createdAt: string;
}

/** One matter; 404 when the caller may not see it. */
export function useMatter(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['matters', 'detail', id],
    queryFn: () => api.get<MatterDetail>(`/api/v1/matters/${encodeURIComponent(id)}`),
    enabled,
  });
}

/** Where each tab of the matter page lives. */
export function matterPath(matterId: string, tab?: 'secure-chat', conversationId?: string): string {
  const base = `/matters/${encodeURIComponent(matterId)}`;
  if (!tab) return base;
  return conversationId ? `${base}/${tab}/${encodeURIComponent(conversationId)}` : `${base}/${tab}`;
}
