import { useQuery } from '@tanstack/react-query';
import type { Matter } from '../../../contracts/matters';
import { useApi } from '../../ui/Providers';

/** One matter; 404 when the caller may not see it. */
export function useMatter(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['matters', 'detail', id],
    queryFn: () => api.get<Matter>(`/api/v1/matters/${encodeURIComponent(id)}`),
    enabled,
  });
}

/** Where each tab of the matter page lives. */
export function matterPath(matterId: string, tab?: 'secure-chat', conversationId?: string): string {
  const base = `/matters/${encodeURIComponent(matterId)}`;
  if (!tab) return base;
  return conversationId ? `${base}/${tab}/${encodeURIComponent(conversationId)}` : `${base}/${tab}`;
}
