import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { NotificationOut } from '../../../contracts/notifications';
import type { Page } from '../../../contracts/page';
import { useApi } from '../../ui/Providers';
import { titleWithUnread } from './chat-alerts';

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

/** The unread count in front of the tab's title, so a background tab shows that something arrived. */
export function useUnreadInTitle(pathname: string) {
  const unread = useUnreadNotifications();
  const count = unread.data?.items.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each page sets its own title on navigation, which needs the count again
  useEffect(() => {
    document.title = titleWithUnread(document.title, count);
  }, [count, pathname]);
}

/** One notification with the text it announces and the client, or `accessible: false` (GET /notifications/:id). */
export interface NotificationDetail extends NotificationOut {
  text: string | null;
  client: { id: string; name: string; phone: string | null } | null;
  conversationStatus: string | null;
}

/** A notification's detail, fetched when it is opened (reading its text is audited). */
export function useNotificationDetail(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['notifications', 'detail', id ?? ''],
    queryFn: () => api.get<NotificationDetail>(`/api/v1/notifications/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}
