import { useQuery } from '@tanstack/react-query';
import type { NotificationOut } from '../../../contracts/notifications';
import type { Page } from '../../../contracts/page';
import { useApi } from '../../ui/Providers';

/** How many unread notifications the bell counts exactly; beyond, it shows "99+". */
export const UNREAD_LIMIT = 100;

/** The caller's latest notifications, read or not (the bell's list). */
export function useLatestNotifications() {
  const api = useApi();
  return useQuery({
    queryKey: ['notifications', 'latest'],
    queryFn: () => api.get<Page<NotificationOut>>('/api/v1/notifications?limit=20'),
  });
}

/** The caller's unread notifications (the bell's count; an open chat marks its own read). */
export function useUnreadNotifications() {
  const api = useApi();
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api.get<Page<NotificationOut>>(`/api/v1/notifications?unread=true&limit=${UNREAD_LIMIT}`),
  });
}
