import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Campaign, Group, Location, QuickReply } from '../../../../contracts/message-center';
import type { Page } from '../../../../contracts/page';
import { useApi } from '../../../ui/Providers';

/** Query keys of the Message Center setup; quick replies share the composer's key. */
export const setupKeys = {
  groups: ['message-center-setup', 'groups'] as const,
  locations: ['message-center-setup', 'locations'] as const,
  campaigns: ['message-center-setup', 'campaigns'] as const,
  quickReplies: (groupId: string) => ['quick-replies', groupId] as const,
};

function useList<T>(key: readonly unknown[], path: string, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: key, queryFn: () => api.get<Page<T>>(path), enabled });
}

/** Every group of the firm. */
export const useGroups = () => useList<Group>(setupKeys.groups, '/api/v1/groups?limit=200');
/** Every location, of all groups. */
export const useLocations = () => useList<Location>(setupKeys.locations, '/api/v1/locations?limit=200');
/** Every campaign, of all locations. */
export const useCampaigns = () => useList<Campaign>(setupKeys.campaigns, '/api/v1/campaigns?limit=200');
/** The quick replies of one group. */
export const useGroupQuickReplies = (groupId: string | null) =>
  useList<QuickReply>(
    setupKeys.quickReplies(groupId ?? ''),
    `/api/v1/quick-replies?groupId=${encodeURIComponent(groupId ?? '')}&limit=200`,
    Boolean(groupId),
  );

/**
 * Create, change or delete one setup object: POST to `collection`, PATCH or DELETE `collection/:id`; then
 * the lists named by `stale` refetch (a deleted group takes its locations and campaigns along).
 */
export function useSetupWrite(collection: string, stale: readonly (readonly unknown[])[]) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (w: { id?: string; body?: Record<string, unknown>; remove?: boolean }) => {
      const path = w.id ? `${collection}/${encodeURIComponent(w.id)}` : collection;
      if (w.remove) return api.delete<unknown>(path);
      return w.id ? api.patch<unknown>(path, w.body) : api.post<unknown>(path, w.body);
    },
    onSuccess: () => {
      for (const queryKey of stale) void queryClient.invalidateQueries({ queryKey });
    },
  });
}
