import { Badge, Box, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconNote } from '@tabler/icons-react';
import { deliveryState, formatWhen, type Message } from '../secure-chat/model';

/**
 * One entry of a Message Center conversation: the customer's texts grey on the left, agents' texts green
 * on the right, internal notes yellow and labelled (never sent), internal chat between agents blue, status
 * lines centred.
 */
export function Bubble({
  message,
  author,
  mine,
  onRetry,
}: {
  message: Message;
  author: string;
  mine: boolean;
  onRetry?: () => void;
}) {
  if (message.authorType === 'system' || message.kind !== 'message') {
    return (
      <Text size="xs" c="dimmed" ta="center" py={4} data-message-id={message.id}>
        {message.body} · {formatWhen(message.createdAt)}
      </Text>
    );
  }
  const side =
    message.visibility === 'note'
      ? 'note'
      : message.visibility === 'internal'
        ? 'internal'
        : message.authorType === 'contact'
          ? 'customer'
          : 'agent';
  const segments = message.deliveries.find((d) => d.channel === 'sms')?.segments;
  const { state, error } = deliveryState(message);
  return (
    <Box
      className="mc-bubble-row"
      data-side={side}
      data-mine={mine || undefined}
      data-message-id={message.id}
      role="article"
      aria-label={`${side === 'note' ? 'Internal note by ' : side === 'internal' ? 'Internal chat by ' : ''}${author}, ${formatWhen(message.createdAt)}`}
    >
      <Group gap={6} wrap="nowrap">
        {side === 'note' && (
          <Badge
            size="xs"
            color="yellow"
            variant="filled"
            c="black"
            leftSection={<IconNote size={12} aria-hidden />}
            tt="none"
          >
            Internal note
          </Badge>
        )}
        {side === 'internal' && (
          <Badge size="xs" color="blue.8" variant="filled" tt="none">
            Internal chat
          </Badge>
        )}
        <Text size="xs" fw={600}>
          {mine ? `${author} (you)` : author}
        </Text>
        {message.channel === 'secure' && (
          <Badge size="xs" color="dark" variant="filled" tt="none">
            Secure chat
          </Badge>
        )}
        <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt}>
          {formatWhen(message.createdAt)}
        </Text>
      </Group>
      <Box
        className="mc-bubble"
        data-side={side}
        data-local={message.local}
        data-channel={message.channel === 'secure' ? 'secure' : undefined}
      >
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.body}
        </Text>
      </Box>
      {side === 'agent' && (
        <Group gap={6} justify="flex-end" data-delivery={state}>
          {state === 'failed' ? (
            <>
              <Text size="xs" c="red.8" fw={600} role="status">
                <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: '-2px' }} />{' '}
                {message.local === 'failed' ? 'Not sent' : 'Not delivered'}: {error}
              </Text>
              {onRetry && (
                <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
                  Retry
                </Button>
              )}
            </>
          ) : (
            <Text size="xs" c="dimmed">
              {STATE_WORDS[state]}
              {segments ? ` · ${segments} text${segments === 1 ? '' : 's'}` : ''}
            </Text>
          )}
        </Group>
      )}
    </Box>
  );
}

const STATE_WORDS: Record<string, string> = {
  sending: 'Sending…',
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  none: '',
  failed: 'Failed',
};
