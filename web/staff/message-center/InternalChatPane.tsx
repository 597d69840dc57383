import { Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconMessages, IconSend } from '@tabler/icons-react';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import type { ConversationDetailOut } from '../../../contracts/conversations';
import { useSession } from '../../ui/session';
import { ME_PATH, type StaffSession } from '../session';
import { History } from './History';
import { useConversationActions } from './use-conversation-actions';

/**
 * A chat between agents outside any customer conversation, in a tab of the right pane: blue, named by the
 * colleague, its history kept. Enter sends, Shift+Enter starts a new line.
 */
export function InternalChatPane({ conversation }: { conversation: ConversationDetailOut }) {
  const me = useSession<StaffSession>(ME_PATH).data?.user;
  const { send } = useConversationActions(conversation.id, me);
  const [body, setBody] = useState('');
  const others =
    conversation.members
      .filter((m) => m.type === 'user' && m.id !== me?.id)
      .map((m) => m.name)
      .join(', ') || 'your colleague';

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const text = body.trim();
    if (!text) return;
    send.mutate({ id: uuidv7(), body: text, mode: 'internal' });
    setBody('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <Stack gap={0} h="100%" mih={0} className="mc-internal-pane" data-testid="internal-chat">
      <Group p="sm" gap="xs" style={{ borderBottom: '1px solid var(--mantine-color-blue-3)' }}>
        <IconMessages size={20} aria-hidden color="var(--mantine-color-blue-8)" />
        <Stack gap={0}>
          <Title order={2} size="h4" c="blue.9">
            Internal chat with {others}
          </Title>
          <Text size="xs" c="dimmed">
            Between agents only; kept in your chat history.
          </Text>
        </Stack>
      </Group>
      <History
        conversationId={conversation.id}
        customer={others}
        myId={me?.id}
        onRetry={(m) => send.mutate({ id: m.id, body: m.body, mode: 'internal' })}
      />
      <form onSubmit={submit}>
        <Group
          p="sm"
          gap="xs"
          align="flex-end"
          wrap="nowrap"
          style={{ borderTop: '1px solid var(--mantine-color-blue-3)' }}
        >
          <Textarea
            aria-label={`Message to ${others}`}
            placeholder={`Message ${others}…`}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            autosize
            minRows={1}
            maxRows={5}
            maxLength={2000}
            style={{ flex: 1 }}
          />
          <Button
            type="submit"
            color="blue.8"
            leftSection={<IconSend size={14} aria-hidden />}
            disabled={!body.trim()}
          >
            Send
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
