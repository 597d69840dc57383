import { Alert, Blockquote, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Loading } from '../../ui/LoadStates';
import { describeError } from '../../ui/problem';
import { matterPath } from '../matters/queries';
import { formatPhone } from '../secure-chat/model';
import { startThreadPath } from '../secure-chat/scope';
import { useNotificationDetail } from './queries';

/**
 * A notification opened in place: a client's text after a thread ended (its text, "Start a new
 * thread" prefilled with the client and number, and the archive), or a clear "no longer have
 * access" state when the user lost access to the conversation.
 */
export function NotificationDetailDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const detail = useNotificationDetail(id);
  const n = detail.data;
  return (
    <Modal opened={id !== null} onClose={onClose} title={n?.title ?? 'Notification'} centered size="lg">
      {detail.isPending ? (
        <Loading label="Loading the notification" />
      ) : detail.isError ? (
        <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="It could not be opened">
          {describeError(detail.error)}
        </Alert>
      ) : !detail.data.accessible ? (
        <Alert
          color="gray"
          icon={<IconLock aria-hidden />}
          title="You no longer have access"
          data-testid="no-access"
        >
          You were removed from this conversation, or your permission to see it was withdrawn, so its messages
          are not shown. Ask its creator if you need to see it again.
        </Alert>
      ) : (
        <Stack gap="md">
          {detail.data.text !== null && (
            <Blockquote color="orange" p="md" data-testid="notification-text">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {detail.data.text}
              </Text>
            </Blockquote>
          )}
          {detail.data.conversationStatus === 'ended' && (
            <Text size="sm" c="dimmed">
              The thread had ended, so nobody at the firm was reading it. The text is kept on its archive.
              Start a new thread to answer{detail.data.client ? ` ${detail.data.client.name}` : ''}.
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            {detail.data.matterId && detail.data.conversationId && (
              <Button
                variant="default"
                component={Link}
                to={matterPath(detail.data.matterId, 'secure-chat', detail.data.conversationId)}
                onClick={onClose}
              >
                Open the thread
              </Button>
            )}
            {detail.data.conversationStatus === 'ended' && detail.data.matterId && detail.data.client && (
              <Button
                component={Link}
                to={startThreadPath(detail.data.matterId, detail.data.client.id, detail.data.client.phone)}
                onClick={onClose}
                aria-label={`Start a new thread with ${detail.data.client.name} at ${formatPhone(detail.data.client.phone)}`}
              >
                Start a new thread
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
