import {
  ActionIcon,
  Button,
  Group,
  Menu,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconMessage, IconNote, IconSend } from '@tabler/icons-react';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import { segmentCounter } from './model';
import { useQuickReplies } from './queries';

export type ComposeMode = 'public' | 'note';
/** Where a public reply goes: a text, or the customer's secure chat page. */
export type ChatChannel = 'sms' | 'secure';

// Drafts outlive a tab: switching tabs unmounts the pane, and an agent juggling conversations must not
// lose what they were typing.
const drafts = new Map<string, string>();

/**
 * The box under a conversation: Public reply or Internal note (yellow), a menu of the group's quick
 * replies, and under the box the number of characters and texts the customer will receive. When a
 * public reply is not possible (not claimed yet, opted out, someone else holds it) it says why and
 * writes notes only. Enter sends, Shift+Enter starts a new line.
 */
export function Composer({
  conversationId,
  customer,
  groupId,
  publicBlockedBecause,
  pending,
  onSend,
  secureJoined = false,
}: {
  conversationId: string;
  customer: string;
  groupId: string | undefined;
  /** Why only notes are possible now; null: public replies are open. */
  publicBlockedBecause: string | null;
  pending: boolean;
  onSend: (body: string, mode: ComposeMode, channel?: ChatChannel) => void;
  /** The customer joined the secure chat: "Chat with" offers it, and starts there. */
  secureJoined?: boolean;
}) {
  const [channel, setChannel] = useState<ChatChannel>(secureJoined ? 'secure' : 'sms');
  // Once the customer joins, replies go to the secure chat unless the agent picks a text.
  useEffect(() => {
    setChannel(secureJoined ? 'secure' : 'sms');
  }, [secureJoined]);
  const secure = channel === 'secure';
  const [body, setBodyState] = useState(() => drafts.get(conversationId) ?? '');
  const [chosen, setChosen] = useState<ComposeMode>('public');
  const mode: ComposeMode = publicBlockedBecause ? 'note' : chosen;
  const hintId = useId();
  const quickReplies = useQuickReplies(groupId);
  const trimmed = body.trim();

  const setBody = (next: string) => {
    if (next) drafts.set(conversationId, next);
    else drafts.delete(conversationId);
    setBodyState(next);
  };
  // A claim (or a release) changes what is possible: start from a public reply again when it opens up.
  useEffect(() => {
    if (!publicBlockedBecause) setChosen('public');
  }, [publicBlockedBecause]);

  const send = () => {
    if (!trimmed || pending) return;
    onSend(trimmed, mode, mode === 'public' ? channel : undefined);
    setBody('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  const replies = quickReplies.data?.items ?? [];

  return (
    <form
      onSubmit={submit}
      className="mc-composer"
      data-mode={mode}
      data-channel={mode === 'public' ? channel : undefined}
    >
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <SegmentedControl
            size="xs"
            aria-label="Write a"
            value={mode}
            onChange={(v) => setChosen(v as ComposeMode)}
            data={[
              {
                value: 'public',
                disabled: Boolean(publicBlockedBecause),
                label: (
                  <Group gap={4} wrap="nowrap">
                    <IconMessage size={14} aria-hidden />
                    Public reply
                  </Group>
                ),
              },
              {
                value: 'note',
                label: (
                  <Group gap={4} wrap="nowrap">
                    <IconNote size={14} aria-hidden />
                    Internal note
                  </Group>
                ),
              },
            ]}
          />
          {mode === 'public' && (
            <NativeSelect
              size="xs"
              label="Chat with"
              className="mc-chat-with"
              value={channel}
              onChange={(e) => setChannel(e.currentTarget.value as ChatChannel)}
              data={[
                { value: 'sms', label: 'Customer [SMS]' },
                { value: 'secure', label: 'Customer [Secure]', disabled: !secureJoined },
              ]}
            />
          )}
          <Menu position="top-end" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="default"
                rightSection={<IconChevronDown size={14} aria-hidden />}
                disabled={!groupId}
              >
                Quick replies
              </Button>
            </Menu.Target>
            <Menu.Dropdown maw={360}>
              {quickReplies.isPending ? (
                <Menu.Label>Loading quick replies…</Menu.Label>
              ) : quickReplies.isError ? (
                <Menu.Label>Quick replies could not be loaded.</Menu.Label>
              ) : replies.length === 0 ? (
                <Menu.Label>No quick replies for this group yet (Settings → Quick replies).</Menu.Label>
              ) : (
                replies.map((r) => (
                  <Menu.Item key={r.id} onClick={() => setBody(r.body)}>
                    <Text size="sm" fw={600}>
                      {r.title}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {r.body}
                    </Text>
                  </Menu.Item>
                ))
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Textarea
            aria-label={
              mode === 'note'
                ? 'Internal note'
                : secure
                  ? `Secure message to ${customer}`
                  : `Text to ${customer}`
            }
            aria-describedby={hintId}
            placeholder={
              mode === 'note'
                ? 'Note for your colleagues (never sent to the customer)…'
                : secure
                  ? `Secure message to ${customer} (never sent by text)…`
                  : `Text ${customer}…`
            }
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={1600}
            style={{ flex: 1 }}
          />
          <Tooltip
            label={
              mode === 'note' ? 'Add note (Enter)' : secure ? 'Send securely (Enter)' : 'Send text (Enter)'
            }
          >
            <ActionIcon
              type="submit"
              size={36}
              variant="filled"
              color={mode === 'note' ? 'yellow.8' : secure ? 'dark' : undefined}
              aria-label={mode === 'note' ? 'Add note' : secure ? 'Send securely' : 'Send text'}
              disabled={!trimmed}
              loading={pending}
            >
              <IconSend size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Stack gap={2} id={hintId}>
          {mode === 'public' && secure ? (
            <Text size="xs" c="dimmed">
              Secure chat: shown on the customer’s private chat page, never texted.
            </Text>
          ) : mode === 'public' ? (
            <Text size="xs" c="dimmed" data-testid="segment-counter">
              {segmentCounter(trimmed)}
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              Internal note: only your colleagues see it.
            </Text>
          )}
          {publicBlockedBecause && (
            <Text size="xs" fw={500} data-testid="public-blocked">
              {publicBlockedBecause}
            </Text>
          )}
        </Stack>
      </Stack>
    </form>
  );
}
