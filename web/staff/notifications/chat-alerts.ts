import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import type { NotificationOut } from '../../../contracts/notifications';
import type { StreamEvent } from '../../../contracts/realtime/events';

/** Where the opt-in to desktop notifications is kept (per browser, like the permission itself). */
const DESKTOP_KEY = 'parley.desktopNotifications';

/** Whether the user turned desktop notifications on in this browser (and the browser still allows them). */
export function desktopAlertsOn(): boolean {
  return (
    typeof Notification !== 'undefined' &&
    Notification.permission === 'granted' &&
    localStorage.getItem(DESKTOP_KEY) === 'on'
  );
}

/** Turns desktop notifications on (asking the browser's permission) or off; answers the new state. */
export async function setDesktopAlerts(on: boolean): Promise<boolean> {
  if (!on || typeof Notification === 'undefined') {
    localStorage.removeItem(DESKTOP_KEY);
    return false;
  }
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return false;
  localStorage.setItem(DESKTOP_KEY, 'on');
  return true;
}

/** "(3) Matters · Parley": the unread count in front of the page's own title. */
export function titleWithUnread(title: string, unread: number): string {
  const bare = title.replace(/^\(\d+\+?\) /, '');
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${bare}` : bare;
}

/** The start of a message for a toast: one line, at most `length` characters. */
export function previewOf(body: string, length = 90): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** The message texts of the latest `message.created` events, so a notification's toast can quote its message. */
const recentBodies = new Map<string, string>();

interface AlertContext {
  queryClient: QueryClient;
  /** The path shown now: a thread open on screen gets no toast. */
  pathname: () => string;
  /** Matter name by id, fetched once and cached. */
  matterName: (matterId: string) => Promise<string | null>;
  open: (notification: NotificationOut) => void;
}

/**
 * Reacts to stream events the way people notice: a toast naming the sender, the matter and a
 * preview when a notification arrives for a thread that is not on screen, and a desktop
 * notification too when the user opted in and the tab is in the background.
 */
export async function alertOnEvent(event: StreamEvent, context: AlertContext): Promise<void> {
  if (event.type === 'message.created') {
    const data = event.data as { message?: { id: string; body: string } };
    if (data.message) {
      recentBodies.set(data.message.id, data.message.body);
      if (recentBodies.size > 50) recentBodies.delete(recentBodies.keys().next().value as string);
    }
    return;
  }
  if (event.type !== 'notification.created') return;
  const n = event.data as NotificationOut & { messageId?: string | null };
  const onScreen = n.conversationId !== null && context.pathname().endsWith(`/${n.conversationId}`);
  if (onScreen && !document.hidden) return;
  const matter = n.matterId ? await context.matterName(n.matterId) : null;
  const body = n.messageId ? recentBodies.get(n.messageId) : undefined;
  const message = [matter, body ? `“${previewOf(body)}”` : null].filter(Boolean).join(' · ');
  notifications.show({
    id: n.id,
    title: n.title,
    message: message || 'Open the notification to see more.',
    autoClose: 8000,
    onClick: () => {
      notifications.hide(n.id);
      context.open(n);
    },
    style: { cursor: 'pointer' },
  });
  if (document.hidden && desktopAlertsOn()) {
    const desktop = new Notification(n.title, { body: message, tag: n.id });
    desktop.onclick = () => {
      window.focus();
      context.open(n);
    };
  }
}
