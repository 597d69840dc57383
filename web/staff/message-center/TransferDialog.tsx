import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import type { TransferMode } from '../../../contracts/transfers';
import { describeError } from '../../ui/problem';
import { useTeams } from '../admin/queries';
import { type TransferRequest, useAgents } from './transfer-queries';

/**
 * Transfer a conversation: warm (ask one colleague first, chatting with them in blue internal messages
 * until they accept or decline) or cold (hand it at once to an agent or to a team's queue), with a handoff
 * note that stays in the history. The customer is told nothing.
 */
export function TransferDialog({
  opened,
  onClose,
  excludeUserId,
  pending,
  error,
  onTransfer,
}: {
  opened: boolean;
  onClose: () => void;
  /** The current holder, who is not a target. */
  excludeUserId: string | null;
  pending: boolean;
  error: Error | null;
  onTransfer: (request: TransferRequest) => void;
}) {
  const [mode, setMode] = useState<TransferMode>('cold');
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const agents = useAgents(opened);
  const teams = useTeams();

  const agentItems = (agents.data?.items ?? [])
    .filter((a) => a.id !== excludeUserId)
    .map((a) => ({
      value: `user:${a.id}`,
      label: `${a.name}${a.teams.length ? ` (${a.teams.map((t) => t.name).join(', ')})` : ''}${a.online ? ' · online' : ''}`,
    }));
  const teamItems = (teams.data?.items ?? [])
    .filter((t) => t.kind === 'team')
    .map((t) => ({ value: `team:${t.id}`, label: `Team ${t.name}` }));
  const data =
    mode === 'warm'
      ? [{ group: 'Agents', items: agentItems }]
      : [
          { group: 'Teams', items: teamItems },
          { group: 'Agents', items: agentItems },
        ];
  const chosen = target && data.some((g) => g.items.some((i) => i.value === target)) ? target : null;

  const submit = () => {
    if (!chosen) return;
    const [type, id] = chosen.split(':');
    onTransfer({
      mode,
      ...(type === 'user' ? { toUserId: id } : { toTeamId: id }),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };
  const close = () => {
    setTarget(null);
    setNote('');
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Transfer this conversation" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <SegmentedControl
            aria-label="Kind of transfer"
            value={mode}
            onChange={(v) => setMode(v as TransferMode)}
            data={[
              { value: 'cold', label: 'Cold: hand it over now' },
              { value: 'warm', label: 'Warm: ask a colleague first' },
            ]}
          />
          <Text size="xs" c="dimmed">
            {mode === 'warm'
              ? 'The colleague sees the conversation and can chat with you in blue internal messages; it moves when they accept.'
              : 'It moves at once: to a team, it waits unclaimed in their queue; to an agent, it is theirs.'}
          </Text>
          <Select
            label="Transfer to"
            placeholder={mode === 'warm' ? 'Pick a colleague' : 'Pick a team or an agent'}
            data={data}
            value={chosen}
            onChange={setTarget}
            searchable
            nothingFoundMessage={agents.isPending ? 'Loading…' : 'Nobody matches'}
            required
            data-autofocus
          />
          <Textarea
            label="Handoff note"
            description="Kept in the conversation as an internal message; never sent to the customer."
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          {(error || agents.isError) && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Not transferred">
              {describeError(error ?? agents.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!chosen}>
              {mode === 'warm' ? 'Ask to take over' : 'Transfer'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
