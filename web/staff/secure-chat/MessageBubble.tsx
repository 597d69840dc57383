import { Badge, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconChecks, IconClock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Message } from './model';
import { deliveryState, formatWhen } from './model';

/**
 * One message: the client's on the left, staff messages on the right with the SMS delivery ticks (queued ✓
 * grey, sent ✓, delivered ✓✓, failed in red with the reason); system messages centred.
 */
export function MessageBubble({
  message,
  author,
  mine,
  afterEnd = false,
  clientPhone,
  onRetry,
}: {
  message: Message;
  author: string;
  mine: boolean;
  /** The client texted it after the thread ended (kept on the archive, read by nobody then). */
  afterEnd?: boolean;
  /** The client's phone: the ticks show the delivery there. */
  clientPhone?: string | null;
  onRetry?: () => void;
}) {
  if (message.authorType === 'system' || message.kind === 'system' || message.kind === 'status') {
    return (
      <Text size="xs" c="dimmed" ta="center" py={4}>
        {message.body} · {formatWhen(message.createdAt)}
      </Text>
    );
  }
  const staff = message.authorType === 'user';
  return (
    <Box
      className="bubble-row"
      data-side={staff ? 'staff' : 'client'}
      data-message-id={message.id}
      aria-label={`${author}, ${formatWhen(message.createdAt)}`}
      role="article"
    >
      <Group gap={6} className="bubble-meta" wrap="nowrap">
        <Text size="xs" fw={600}>
          {mine ? `${author} (you)` : author}
        </Text>
        <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt}>
          {formatWhen(message.createdAt)}
        </Text>
        {afterEnd && (
          <Badge size="xs" color="orange" variant="light" tt="none" data-testid="after-end">
            Received after the thread ended
          </Badge>
        )}
      </Group>
      <Box className="bubble" data-side={staff ? 'staff' : 'client'} data-local={message.local}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.body}
        </Text>
      </Box>
      {staff && <Ticks message={message} clientPhone={clientPhone} onRetry={onRetry} />}
    </Box>
  );
}

function Ticks({
  message,
  clientPhone,
  onRetry,
}: {
  message: Message;
  clientPhone?: string | null;
  onRetry?: () => void;
}) {
  const { state, error } = deliveryState(message, clientPhone);
  switch (state) {
    case 'sending':
      return (
        <Status label="Sending…" color="gray.7">
          <IconClock size={14} aria-hidden />
        </Status>
      );
    case 'queued':
      return (
        <Status label="Queued" color="gray.6" title="Waiting to be texted">
          <IconCheck size={14} aria-hidden />
        </Status>
      );
    case 'sent':
      return (
        <Status label="Sent" color="parley.7" title="Texted to the client's carrier">
          <IconCheck size={14} aria-hidden />
        </Status>
      );
    case 'delivered':
      return (
        <Status label="Delivered" color="parley.7" title="Delivered to the client's phone">
          <IconChecks size={14} aria-hidden />
        </Status>
      );
    case 'failed':
      return (
        <Group gap={6} className="bubble-status" wrap="wrap" justify="flex-end" data-delivery="failed">
          <Text size="xs" c="red.8" fw={600} role="status">
            <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: '-2px' }} />{' '}
            {message.local === 'failed' ? 'Not sent' : 'Not delivered'}: {error}
          </Text>
          {onRetry && (
            <Button
              size="compact-xs"
              variant="light"
              color="red"
              styles={{ label: { color: 'var(--mantine-color-red-9)' } }}
              onClick={onRetry}
            >
              Retry
            </Button>
          )}
        </Group>
      );
    default:
      return null;
  }
}

function Status({
  label,
  color,
  title,
  children,
}: {
  label: string;
  color: string;
  title?: string;
  children: ReactNode;
}) {
  const content = (
    <Group
      gap={4}
      className="bubble-status"
      wrap="nowrap"
      c={color}
      data-delivery={label === 'Sending…' ? 'sending' : label.toLowerCase()}
    >
      {children}
      <Text size="xs" c={color === 'gray.6' ? 'gray.7' : color}>
        {label}
      </Text>
    </Group>
  );
  return title ? (
    <Tooltip label={title} position="left">
      {content}
    </Tooltip>
  ) : (
    content
  );
}
