import { ActionIcon, Popover, Text } from '@mantine/core';
import { IconBell, IconBellCheck } from '@tabler/icons-react';
import { EmptyState } from './EmptyState';

/** The header bell; its popover lists notifications (empty until the Notification Center exists). */
export function NotificationBell() {
  return (
    <Popover position="bottom-end" width={320} shadow="md" withArrow>
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Notifications">
          <IconBell size={20} stroke={1.8} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown aria-label="Notifications">
        <Text fw={600} size="sm">
          Notifications
        </Text>
        <EmptyState icon={<IconBellCheck size={28} />} title="You're all caught up">
          New messages, mentions and alerts about your conversations will appear here.
        </EmptyState>
      </Popover.Dropdown>
    </Popover>
  );
}
