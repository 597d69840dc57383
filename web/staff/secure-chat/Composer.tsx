import { ActionIcon, Button, Group, Modal, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { measureSms } from '../../../contracts/sms-segments';
import { useApi } from '../../ui/Providers';
import { framedBody, lengthVerdict, optedOutReason, segmentSummary } from './model';
import { useTexting } from './queries';

/**
 * The message box: Enter sends, Shift+Enter starts a new line; below it a live count of the SMS segments the
 * client will receive (the sender's name and the opt-out footer the server adds included) and a warning when a
 * character forces the shorter Unicode segments. Above the firm's threshold it asks before sending; above the
 * limit it refuses, as the server would.
 */
export function Composer({
  recipient,
  conversationId,
  phone,
  onSend,
}: {
  recipient: string;
  conversationId: string;
  /** The client's number (E.164), named when they opted out. */
  phone?: string | null;
  onSend: (body: string) => void;
}) {
  const [body, setBody] = useState('');
  const [confirming, setConfirming] = useState(false);
  const hintId = useId();
  const texting = useTexting(conversationId).data;
  const trimmed = body.trim();
  const framed = trimmed ? framedBody(trimmed, texting) : '';
  const { text, warning } = segmentSummary(framed);
  const segments = measureSms(framed).segments;
  const verdict = lengthVerdict(segments, texting);
  // Opted out (STOP, the carrier or staff): nothing can be texted until the client texts START.
  const optedOut = optedOutReason(phone, texting?.consent);
  const canSend = trimmed.length > 0 && verdict !== 'too-long' && !optedOut;
  // A client text that reads like an opt-out ("please stop texting me"): staff confirm it in one click.
  const flaggedMessageId = texting?.consent?.revocationFlagged ? texting.consent.revocationMessageId : null;
  const api = useApi();
  const queryClient = useQueryClient();
  const optOut = useMutation({
    mutationFn: () =>
      api.post(`/api/v1/conversations/${encodeURIComponent(conversationId)}/opt-out`, {
        ...(flaggedMessageId ? { messageId: flaggedMessageId } : {}),
      }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: ['conversations', 'texting', conversationId] }),
  });

  const deliver = () => {
    setConfirming(false);
    onSend(trimmed);
    setBody('');
  };
  const send = () => {
    if (!canSend) return;
    if (verdict === 'confirm') setConfirming(true);
    else deliver();
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

  return (
    <form onSubmit={submit} className="composer">
      <Stack gap={4}>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Textarea
            aria-label={`Message to ${recipient}`}
            aria-describedby={hintId}
            aria-invalid={verdict === 'too-long' || undefined}
            placeholder={optedOut ? 'Texting is off: the client opted out' : `Text ${recipient}…`}
            disabled={Boolean(optedOut)}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            autosize
            minRows={1}
            maxRows={6}
            style={{ flex: 1 }}
            maxLength={1600}
          />
          <Tooltip label="Send (Enter)">
            <ActionIcon type="submit" size={36} aria-label="Send" disabled={!canSend} variant="filled">
              <IconSend size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Stack gap={2} id={hintId}>
          {!optedOut && texting?.consent?.revocationFlagged && (
            <Group gap="xs" data-testid="revocation-flag">
              <Text size="xs" c="orange.9">
                The client’s text reads like an opt-out.
              </Text>
              <Button
                size="compact-xs"
                variant="light"
                color="red"
                loading={optOut.isPending}
                onClick={() => optOut.mutate()}
              >
                Opt them out
              </Button>
            </Group>
          )}
          {optedOut && (
            <Text size="sm" c="red.8" role="status" data-testid="opted-out">
              {optedOut}.
            </Text>
          )}
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed" data-testid="segment-counter">
              {text}
            </Text>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              Enter to send · Shift+Enter for a new line
            </Text>
          </Group>
          {trimmed && texting?.prefix && (
            <Text size="xs" c="dimmed" data-testid="framing-hint">
              Starts with “{texting.prefix}”{texting.footer ? ` and ends with “${texting.footer}”` : ''}.
            </Text>
          )}
          {verdict === 'too-long' && texting && (
            <Text size="xs" c="red.8" role="alert" data-testid="too-long">
              This text would take {segments} SMS segments; the firm allows at most {texting.maxSegments}.
              Shorten it or split it in two.
            </Text>
          )}
          {warning && (
            <Text size="xs" c="orange.9">
              {warning}
            </Text>
          )}
        </Stack>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Send a long text?" centered>
        <Stack gap="md">
          <Text size="sm">
            This text to {recipient} takes {segments} SMS segments, each sent and billed separately. Send it
            anyway?
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Keep editing
            </Button>
            <Button onClick={deliver} data-autofocus>
              Send {segments} segments
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
