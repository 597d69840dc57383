import { ActionIcon, Group, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { segmentSummary } from './model';

/**
 * The message box: Enter sends, Shift+Enter starts a new line; below it a live count of the SMS segments the
 * text will cost and a warning when a character forces the shorter Unicode segments.
 */
export function Composer({ recipient, onSend }: { recipient: string; onSend: (body: string) => void }) {
  const [body, setBody] = useState('');
  const hintId = useId();
  const { text, warning } = segmentSummary(body);
  const canSend = body.trim().length > 0;

  const send = () => {
    if (!canSend) return;
    onSend(body.trim());
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

  return (
    <form onSubmit={submit} className="composer">
      <Stack gap={4}>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Textarea
            aria-label={`Message to ${recipient}`}
            aria-describedby={hintId}
            placeholder={`Text ${recipient}…`}
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
        <Group justify="space-between" gap="xs" id={hintId}>
          <Text size="xs" c="dimmed" data-testid="segment-counter">
            {text}
          </Text>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            Enter to send · Shift+Enter for a new line
          </Text>
        </Group>
        {warning && (
          <Text size="xs" c="orange.9">
            {warning}
          </Text>
        )}
      </Stack>
    </form>
  );
}
