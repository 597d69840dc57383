import { Box, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowsExchange, IconSend, IconTransfer } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { ConversationDetailOut } from '../../../contracts/conversations';
import type { TransferOut } from '../../../contracts/transfers';
import { describeError } from '../../ui/problem';
import { formatWhen } from '../secure-chat/model';
import { TransferDialog } from './TransferDialog';
import { useTransferActions, useTransfers } from './transfer-queries';

/** Who is looking: their id and permissions (from the session). */
interface Viewer {
  id: string;
  role: string;
  permissions: readonly string[];
}

const supervises = (me: Viewer) => me.role === 'admin' || me.permissions.includes('message_center.view_all');

/** One line of the transfer log, in words. */
export function describeTransfer(t: TransferOut): string {
  const to = t.toAgent ? t.toAgent.name : t.toTeam ? `Team ${t.toTeam.name}` : 'another team';
  const from = t.fromAgent ? ` from ${t.fromAgent.name}` : t.fromTeam ? ` from Team ${t.fromTeam.name}` : '';
  const how = t.mode === 'warm' ? 'Warm transfer' : 'Cold transfer';
  const outcome =
    t.status === 'pending'
      ? 'awaiting an answer'
      : t.status === 'completed' || t.status === 'cancelled'
        ? t.status === 'cancelled'
          ? 'cancelled'
          : ''
        : `${t.status} by ${t.decidedBy?.name ?? t.toAgent?.name ?? 'the colleague'}`;
  return `${how}${from} to ${to} by ${t.by.name}${outcome ? `, ${outcome}` : ''}`;
}

/**
 * Transfers in the conversation pane: the Transfer button (for the holder and supervisors), the blue banner
 * of a pending warm transfer (Accept and Decline for the colleague asked, Cancel for the one who asked) with
 * the box to chat with each other in internal messages, and the transfer log.
 */
export function TransferBar({
  conversation,
  me,
  onSendInternal,
}: {
  conversation: ConversationDetailOut;
  me: Viewer | undefined;
  onSendInternal: (body: string) => void;
}) {
  const id = conversation.id;
  const log = useTransfers(id);
  const { transfer, answer } = useTransferActions(id);
  const [dialog, setDialog] = useState(false);
  const [draft, setDraft] = useState('');
  if (!me) return null;
  const open = conversation.status === 'open';
  const items = log.data?.items ?? [];
  const pending = items.find((t) => t.status === 'pending');
  const past = items.filter((t) => t.status !== 'pending');
  const mayTransfer = open && (conversation.assigneeId === me.id || supervises(me));
  const asked = pending?.toAgent?.id === me.id;
  const colleague = asked ? pending?.by.name : pending?.toAgent?.name;

  const sendInternal = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    onSendInternal(draft.trim());
    setDraft('');
  };

  return (
    <Stack gap={4} px="sm" py={4} data-testid="transfer-bar">
      {mayTransfer && !pending && (
        <Group justify="flex-end">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconTransfer size={16} aria-hidden />}
            onClick={() => {
              transfer.reset();
              setDialog(true);
            }}
          >
            Transfer
          </Button>
        </Group>
      )}
      {pending && (
        <Box
          className="mc-pending-transfer"
          data-testid="pending-transfer"
          role="region"
          aria-label="Pending transfer"
        >
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Group gap={6} wrap="nowrap" miw={0}>
              <IconArrowsExchange size={16} aria-hidden color="var(--mantine-color-blue-8)" />
              <Text size="sm" fw={600}>
                {asked
                  ? `${pending.by.name} asks you to take over this conversation`
                  : `Waiting for ${pending.toAgent?.name} to answer`}
              </Text>
            </Group>
            <Group gap={6}>
              {asked ? (
                <>
                  <Button
                    size="compact-sm"
                    color="blue.8"
                    loading={answer.isPending && answer.variables === 'accept'}
                    onClick={() => answer.mutate('accept')}
                  >
                    Accept transfer
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    loading={answer.isPending && answer.variables === 'decline'}
                    onClick={() => answer.mutate('decline')}
                  >
                    Decline
                  </Button>
                </>
              ) : (
                <Button
                  size="compact-sm"
                  variant="default"
                  loading={answer.isPending}
                  onClick={() => answer.mutate('cancel')}
                >
                  Cancel transfer
                </Button>
              )}
            </Group>
          </Group>
          {pending.note && (
            <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
              Note: “{pending.note}”
            </Text>
          )}
          {answer.isError && (
            <Text size="xs" c="red.8" role="alert">
              {describeError(answer.error)}
            </Text>
          )}
          <form onSubmit={sendInternal}>
            <Group gap="xs" wrap="nowrap" mt={4}>
              <TextInput
                size="xs"
                aria-label={`Internal message to ${colleague ?? 'your colleague'}`}
                placeholder={`Message ${colleague ?? 'your colleague'} (never sent to the customer)`}
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                maxLength={2000}
                style={{ flex: 1 }}
              />
              <Button
                type="submit"
                size="xs"
                color="blue.8"
                leftSection={<IconSend size={14} aria-hidden />}
                disabled={!draft.trim()}
              >
                Send
              </Button>
            </Group>
          </form>
        </Box>
      )}
      {past.length > 0 && (
        <ul className="mc-transfer-log" aria-label="Transfer log">
          {past.map((t) => (
            <li key={t.id}>
              <Text size="xs" c="dimmed" component="span">
                {describeTransfer(t)} · <time dateTime={t.createdAt}>{formatWhen(t.createdAt)}</time>
                {t.note ? ` — “${t.note}”` : ''}
              </Text>
            </li>
          ))}
        </ul>
      )}
      <TransferDialog
        opened={dialog}
        onClose={() => setDialog(false)}
        excludeUserId={conversation.assigneeId}
        pending={transfer.isPending}
        error={transfer.error}
        onTransfer={(r) => transfer.mutate(r, { onSuccess: () => setDialog(false) })}
      />
    </Stack>
  );
}
