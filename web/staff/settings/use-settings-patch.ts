import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../ui/Providers';
import { adminKeys, type FirmSettings } from '../admin/queries';

/** Saves a partial settings change and puts the answer in the cache every card reads. */
export function useSettingsPatch() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Record<string, unknown>) => api.put<FirmSettings>('/api/v1/settings', patch),
    onSuccess: (next) => queryClient.setQueryData(adminKeys.settings, next),
  });
}
