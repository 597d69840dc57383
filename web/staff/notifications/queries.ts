import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../ui/Providers';

/** An in-app notification as `GET /api/v1/notifications` lists it. */
export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  conversationId?: string | null;
  matterId?: string | null;
  readAt: string | null;
  createdAt: string;
}

/** One page of notifications, newest first. */
export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount?: number;
}

/** How many unread notifications the bell counts exactly; beyond, it shows "99+". */
export const UNREAD_LIMIT = 100;

/** The caller's latest notifications, read or not (the bell's list). */
export function useLatestNotifications() {
  const api = useApi();
  return useQuery({
    queryKey: ['notifications', 'latest'],
    queryFn: () => api.get<NotificationPage>('/api/v1/notifications?limit=20'),
  });
}

/** The caller's unread notifications (the bell's count; an open chat marks its own read). */
export function useUnreadNotifications() {
  const api = useApi();
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api.get<NotificationPage>(`/api/v1/notifications?unread=true&limit=${UNREAD_LIMIT}`),
  });
}
