import './secure-chat.css';
import { Alert, Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconArchive,
  IconArrowLeft,
  IconBell,
  IconBellOff,
  IconPhone,
  IconUsers,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { v7 as uuidv7 } from 'uuid';
import type { ConversationDetailOut, ConversationOut, MessageOut } from '../../../contracts/conversations';
import { Loading } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { ApiError, describeError } from '../../ui/problem';
import { useSession } from '../../ui/session';
import { matterPath } from '../matters/queries';
import { ME_PATH, type StaffSession } from '../session';
import { ChangeNumberDialog } from './ChangeNumberDialog';
import { Composer } from './Composer';
import { ConfirmDialog } from './ConfirmDialog';
import { ManageMembersDialog } from './ManageMembersDialog';
import { MessageList } from './MessageList';
import { formatPhone, type Message, type MessagesData, upsertMessage } from './model';
import { chatKeys, useConversation, useUsers } from './queries';
import { type ChatScope, secureChatPath, startThreadPath } from './scope';

type Dialog = 'members' | 'end' | 'delete' | 'number' | null;

/**
 * One secure chat: header with mute and Manage Members, the messages, and the composer while it is open.
 * Opened from a contact, whose threads span matters, the header also names the thread's matter.
 */
export function ChatView({
  scope,
  conversationId,
  summary,
  matterNames,
}: {
  scope: ChatScope;
  conversationId: string;
  summary?: ConversationOut;
  /** Matter names by id; given on a contact's tab. */
  matterNames?: ReadonlyMap<string, string>;
}) {
  const conversation = useConversation(conversationId);

  if (conversation.isPending) {
    return (
      <Paper withBorder radius="lg" className="chat">
        <Loading label="Loading the thread" />
      </Paper>
    );
  }
  if (conversation.isError) {
    const gone = conversation.error instanceof ApiError && conversation.error.status === 404;
    return (
      <Paper withBorder radius="lg" p="md">
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          role="alert"
          title="The thread could not be opened"
        >
          <Text size="sm" mb="sm">
            {gone
              ? 'This thread does not exist any more, or you are not a member of it.'
              : describeError(conversation.error)}
          </Text>
          <Group gap="xs">
            {!gone && (
              <Button size="xs" variant="white" color="red" onClick={() => conversation.refetch()}>
                Try again
              </Button>
            )}
            <Button size="xs" variant="white" color="red" component={Link} to={secureChatPath(scope)}>
              Back to threads
            </Button>
          </Group>
        </Alert>
      </Paper>
    );
  }
  return (
    <ChatLoaded scope={scope} conversation={{ ...summary, ...conversation.data }} matterNames={matterNames} />
  );
}

function ChatLoaded({
  scope,
  conversation,
  matterNames,
}: {
  scope: ChatScope;
  conversation: ConversationDetailOut;
  matterNames?: ReadonlyMap<string, string>;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useSession<StaffSession>(ME_PATH).data?.user;
  const users = useUsers();
  const [dialog, setDialog] = useState<Dialog>(null);
  const id = conversation.id;
  const contactName = conversation.contact?.name ?? 'the client';
  const open = conversation.status === 'open';
  const myMembership = conversation.members.find((m) => m.type === 'user' && m.id === me?.id);
  const muted = myMembership?.muted ?? conversation.muted ?? false;

  const names = new Map<string, string>();
  for (const u of users.data?.items ?? []) names.set(u.id, u.name);
  if (conversation.contact) names.set(conversation.contact.id, conversation.contact.name);
  for (const m of conversation.members) names.set(m.id, m.name);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: chatKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
  };

  const send = useMutation({
    mutationFn: (m: { id: string; body: string }) =>
      api.post<MessageOut>(`/api/v1/conversations/${encodeURIComponent(id)}/messages`, {
        id: m.id,
        body: m.body,
      }),
    onMutate: (m) => {
      const optimistic: Message = {
        id: m.id,
        conversationId: id,
        authorType: 'user',
        authorId: me?.id ?? null,
        authorName: me?.name ?? null,
        body: m.body,
        format: 'text',
        visibility: 'public',
        kind: 'message',
        source: 'web',
        createdAt: new Date().toISOString(),
        attachments: [],
        deliveries: [],
        readBy: [],
        local: 'sending',
      };
      queryClient.setQueryData<MessagesData>(chatKeys.messages(id), (data) =>
        upsertMessage(data, optimistic),
      );
    },
    onSuccess: (stored) => {
      queryClient.setQueryData<MessagesData>(chatKeys.messages(id), (data) => upsertMessage(data, stored));
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
    },
    onError: (error, m) => {
      queryClient.setQueryData<MessagesData>(chatKeys.messages(id), (data) =>
        upsertMessage(data, { id: m.id, local: 'failed', localError: describeError(error) }),
      );
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });

  const mute = useMutation({
    mutationFn: (next: boolean) =>
      api.put(`/api/v1/conversations/${encodeURIComponent(id)}/mute`, { muted: next }),
    onSuccess: refresh,
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Mute was not changed', message: describeError(error) }),
  });

  const end = useMutation({
    mutationFn: () => api.post(`/api/v1/conversations/${encodeURIComponent(id)}/end`),
    onSuccess: () => {
      setDialog(null);
      refresh();
      notifications.show({ title: 'Thread ended', message: `The thread with ${contactName} is archived.` });
    },
  });

  const remove = useMutation({
    mutationFn: () => api.delete(`/api/v1/conversations/${encodeURIComponent(id)}`),
    onSuccess: () => {
      setDialog(null);
      queryClient.removeQueries({ queryKey: chatKeys.detail(id) });
      queryClient.removeQueries({ queryKey: chatKeys.messages(id) });
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
      notifications.show({
        title: 'Thread deleted',
        message: `The thread with ${contactName} is gone for good.`,
      });
      navigate(secureChatPath(scope), { replace: true });
    },
  });

  return (
    <Paper withBorder radius="lg" className="chat">
      <Group className="chat-header" justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 240px' }}>
          <Anchor
            component={Link}
            to={secureChatPath(scope)}
            hiddenFrom="md"
            aria-label="Back to threads"
            c="var(--mantine-color-text)"
          >
            <IconArrowLeft size={20} aria-hidden />
          </Anchor>
          <Stack gap={0} miw={0}>
            <Group gap="xs" wrap="nowrap">
              <Title order={2} size="h4" lineClamp={1}>
                {contactName}
              </Title>
              <Badge variant="dot" color={open ? 'teal' : 'gray'} tt="none" data-testid="thread-status">
                {open ? 'Open' : 'Ended'}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              <span className="nowrap">{formatPhone(conversation.contactPhone)}</span>
              {conversation.firmPhone && (
                <>
                  {' · from firm number '}
                  <span className="nowrap">{formatPhone(conversation.firmPhone)}</span>
                </>
              )}
            </Text>
            {!('matterId' in scope) && conversation.matterId && (
              <Text size="xs" c="dimmed">
                Matter:{' '}
                <Anchor component={Link} to={matterPath(conversation.matterId)} size="xs">
                  {matterNames?.get(conversation.matterId) ?? 'open the matter'}
                </Anchor>
              </Text>
            )}
          </Stack>
        </Group>
        <Group gap="xs" wrap="nowrap">
          {myMembership && open && (
            <Button
              variant="default"
              size="xs"
              leftSection={muted ? <IconBellOff size={16} aria-hidden /> : <IconBell size={16} aria-hidden />}
              aria-pressed={muted}
              loading={mute.isPending}
              onClick={() => mute.mutate(!muted)}
            >
              {muted ? 'Unmute chat' : 'Mute chat'}
            </Button>
          )}
          {open && conversation.abilities.manageMembers && (
            <Button
              variant="default"
              size="xs"
              visibleFrom="sm"
              leftSection={<IconPhone size={16} aria-hidden />}
              onClick={() => setDialog('number')}
            >
              Change number
            </Button>
          )}
          <Button
            variant="default"
            size="xs"
            leftSection={<IconUsers size={16} aria-hidden />}
            onClick={() => setDialog('members')}
          >
            Manage Members
          </Button>
        </Group>
      </Group>
      {!open && (
        <Alert
          color="gray"
          variant="light"
          radius={0}
          icon={<IconArchive aria-hidden />}
          title="This thread has ended"
          className="chat-banner"
        >
          It is archived: you can read it, but it is no longer linked to texting. Texts the client sends to
          its number are still kept here, marked as received after the end. Start a new thread to text{' '}
          {contactName} again.
          {conversation.matterId && conversation.contact && (
            <Group mt="xs">
              <Button
                size="xs"
                variant="default"
                component={Link}
                to={startThreadPath(
                  conversation.matterId,
                  conversation.contact.id,
                  conversation.contactPhone,
                )}
              >
                Start a new thread
              </Button>
            </Group>
          )}
        </Alert>
      )}
      <MessageList
        conversationId={id}
        names={names}
        contactName={contactName}
        myId={me?.id}
        endedAt={conversation.endedAt}
        clientPhone={conversation.contactPhone}
        onRetry={(m) => send.mutate({ id: m.id, body: m.body })}
      />
      {open && conversation.abilities.send ? (
        <Box className="chat-composer">
          <Composer
            recipient={contactName}
            conversationId={id}
            phone={conversation.contactPhone}
            onSend={(body) => send.mutate({ id: uuidv7(), body })}
          />
        </Box>
      ) : open ? (
        <Text size="sm" c="dimmed" className="chat-composer">
          You can read this thread but not write in it.
        </Text>
      ) : null}
      <ManageMembersDialog
        opened={dialog === 'members'}
        onClose={() => setDialog(null)}
        conversation={conversation}
        myId={me?.id}
        onEnd={() => setDialog('end')}
        onDelete={() => setDialog('delete')}
      />
      <ChangeNumberDialog
        opened={dialog === 'number'}
        onClose={() => setDialog(null)}
        conversation={conversation}
      />
      <ConfirmDialog
        opened={dialog === 'end'}
        onClose={() => {
          end.reset();
          setDialog(null);
        }}
        title="End this thread?"
        confirmLabel="End thread"
        color="parley"
        pending={end.isPending}
        error={end.error}
        onConfirm={() => end.mutate()}
      >
        The thread is unlinked from texting: its messages stay archived and readable, but neither you nor{' '}
        {contactName} can text in it any more. This frees a slot to start a new thread with them.
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'delete'}
        onClose={() => {
          remove.reset();
          setDialog(null);
        }}
        title="Delete this thread for good?"
        confirmLabel="Delete thread"
        color="red.9"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
      >
        Every message, member and notification of this thread is removed and cannot be recovered. The audit
        log keeps only that the thread was deleted, by whom and when.
      </ConfirmDialog>
    </Paper>
  );
}
