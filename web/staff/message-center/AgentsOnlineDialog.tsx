import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConversationDetailOut } from '../../../contracts/conversations';
import { Spinner } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { useAgents } from './transfer-queries';

/**
 * "Chat with an agent": the colleagues online now (live, from presence); pick one and Go opens the chat
 * with them (the same one every time, with its history) in a blue tab.
 */
export function AgentsOnlineDialog({
  opened,
  onClose,
  myId,
  onOpenChat,
}: {
  opened: boolean;
  onClose: () => void;
  myId: string | undefined;
  onOpenChat: (conversationId: string, title: string) => void;
}) {
  const api = useApi();
  const agents = useAgents(opened);
  const [chosen, setChosen] = useState<string | null>(null);
  const online = (agents.data?.items ?? []).filter((a) => a.online && a.id !== myId);
  const start = useMutation({
    mutationFn: (userId: string) =>
      api.post<ConversationDetailOut>('/api/v1/conversations', { kind: 'internal', userIds: [userId] }),
    onSuccess: (c, userId) => {
      onOpenChat(c.id, online.find((a) => a.id === userId)?.name ?? 'Colleague');
      setChosen(null);
      onClose();
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title="Agents online" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen) start.mutate(chosen);
        }}
      >
        <Stack gap="md">
          {agents.isPending ? (
            <Spinner label="Loading who is online" />
          ) : agents.isError ? (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Could not load">
              {describeError(agents.error)}
            </Alert>
          ) : online.length === 0 ? (
            <Text size="sm">No other agent is online right now.</Text>
          ) : (
            <Radio.Group label="Chat with" value={chosen} onChange={setChosen} data-testid="agents-online">
              <Stack gap={6} mt={6}>
                {online.map((a) => (
                  <Radio
                    key={a.id}
                    value={a.id}
                    label={a.name}
                    description={a.teams.map((t) => t.name).join(', ') || undefined}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
          {start.isError && (
            <Text size="sm" c="red.8" role="alert">
              {describeError(start.error)}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="blue.8" disabled={!chosen} loading={start.isPending}>
              Go
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
