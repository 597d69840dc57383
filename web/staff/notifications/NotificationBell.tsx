import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconBell, IconBellCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import './notifications.css';
import type { NotificationOut } from '../../../contracts/notifications';
import { EmptyState } from '../../ui/EmptyState';
import { Spinner } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { matterPath } from '../matters/queries';
import { formatWhen } from '../secure-chat/model';
import { NotificationDetailDialog } from './NotificationDetailDialog';
import { UNREAD_LIMIT, useLatestNotifications, useUnreadNotifications } from './queries';

/** The kind of a client's text to an ended thread (server: secure-chat/text-after-end.ts). */
export const TEXT_AFTER_END = 'secure_chat.text_after_end';

/** Where a notification leads: its secure chat on the matter page, else the inbox. */
export function notificationTarget(n: Pick<NotificationOut, 'conversationId' | 'matterId'>): string | null {
  if (n.matterId && n.conversationId) return matterPath(n.matterId, 'secure-chat', n.conversationId);
  if (n.conversationId) return '/inbox';
  return null;
}

/**
 * The header bell: a badge with the unread count and, when opened, the latest notifications; choosing one
 * marks it read and opens its conversation. The shell refetches both lists on `notification.*` events.
 */
export function NotificationBell({
  onOpenerReady,
}: {
  /** Hands the shell a way to open a notification (from a toast or a desktop notification). */
  onOpenerReady?: (open: (n: NotificationOut) => void) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const latest = useLatestNotifications();
  const unread = useUnreadNotifications();
  const unreadCount = unread.data?.items.length ?? 0;
  const countLabel = unreadCount >= UNREAD_LIMIT ? `${UNREAD_LIMIT - 1}+` : String(unreadCount);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/notifications/${encodeURIComponent(id)}/read`),
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api.post('/api/v1/notifications/read-all'),
    onSettled: refresh,
  });

  const [detailId, setDetailId] = useState<string | null>(null);
  const choose = (n: NotificationOut) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpened(false);
    // A text after the end is read in place; a lost conversation says so instead of a dead link.
    if (n.kind === TEXT_AFTER_END || n.accessible === false) {
      setDetailId(n.id);
      return;
    }
    const target = notificationTarget(n);
    if (target) navigate(target);
  };
  const chooseRef = useRef(choose);
  chooseRef.current = choose;
  useEffect(() => {
    onOpenerReady?.((n) => chooseRef.current(n));
  }, [onOpenerReady]);

  return (
    <>
      <NotificationDetailDialog id={detailId} onClose={() => setDetailId(null)} />
      <Popover position="bottom-end" width={340} shadow="md" withArrow opened={opened} onChange={setOpened}>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            className="bell"
            onClick={() => setOpened((o) => !o)}
            aria-label={unreadCount ? `Notifications, ${countLabel} unread` : 'Notifications'}
          >
            <IconBell size={20} stroke={1.8} aria-hidden />
            {unreadCount > 0 && (
              <span className="bell-count" aria-hidden data-testid="unread-notifications">
                {countLabel}
              </span>
            )}
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown aria-label="Notifications" p="xs">
          <Group justify="space-between" px={6} pb={4}>
            <Text fw={600} size="sm">
              Notifications
            </Text>
            {unreadCount > 0 && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => markAll.mutate()}
                loading={markAll.isPending}
              >
                Mark all read
              </Button>
            )}
          </Group>
          {latest.isPending ? (
            <Group justify="center" py="md">
              <Spinner size="sm" label="Loading notifications" />
            </Group>
          ) : latest.isError ? (
            <Alert color="red" role="alert" title="Notifications could not be loaded">
              <Text size="sm" mb="xs">
                {describeError(latest.error)}
              </Text>
              <Button size="xs" variant="white" color="red" onClick={() => latest.refetch()}>
                Try again
              </Button>
            </Alert>
          ) : latest.data.items.length === 0 ? (
            <EmptyState icon={<IconBellCheck size={28} />} title="You're all caught up">
              New messages, mentions and alerts about your conversations will appear here.
            </EmptyState>
          ) : (
            <ScrollArea.Autosize mah={360} type="auto">
              <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: 'none' }}>
                {latest.data.items.map((n) => (
                  <li key={n.id}>
                    <UnstyledButton
                      className="notification-item"
                      data-unread={n.readAt ? undefined : true}
                      onClick={() => choose(n)}
                    >
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <span className="notification-dot" aria-hidden />
                        <Stack gap={0}>
                          <Text size="sm" fw={n.readAt ? 400 : 600}>
                            {n.title}
                            {n.readAt ? '' : <VisuallyHidden> (unread)</VisuallyHidden>}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {formatWhen(n.createdAt)}
                            {n.accessible === false ? ' · You no longer have access' : ''}
                          </Text>
                        </Stack>
                      </Group>
                    </UnstyledButton>
                  </li>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </>
  );
}
