import { Alert, Box, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { type CustomerMessageOut, customerStreamFrame } from '../../contracts/secure-invites';
import { LoadError, Loading } from '../ui/LoadStates';
import { useApi } from '../ui/Providers';
import { describeError } from '../ui/problem';
import { GoneState } from './GoneState';
import { linkApi, withMessage } from './model';
import './secure-chat.css';

const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** Live messages from the server-sent stream into the list; answers why the chat ended, if it did. */
function useChatStream(token: string): { ended: string | null; live: boolean } {
  const queryClient = useQueryClient();
  const [ended, setEnded] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource(`${linkApi(token)}/stream`);
    source.onmessage = (event) => {
      const parsed = customerStreamFrame.safeParse(JSON.parse(event.data));
      if (!parsed.success) return;
      const frame = parsed.data;
      if (frame.type === 'ready') {
        setLive(true);
        // Anything written while the stream was away is fetched once it is back.
        void queryClient.invalidateQueries({ queryKey: ['secure-chat-messages', token] });
      } else if (frame.type === 'message') {
        queryClient.setQueryData<CustomerMessageOut[]>(['secure-chat-messages', token], (list) =>
          withMessage(list ?? [], frame.message),
        );
      } else if (frame.type === 'resync') {
        void queryClient.invalidateQueries({ queryKey: ['secure-chat-messages', token] });
      } else {
        setEnded(frame.reason);
        source.close();
      }
    };
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [token, queryClient]);
  return { ended, live };
}

function Bubble({ message }: { message: CustomerMessageOut }) {
  const mine = message.from === 'customer';
  return (
    <Box
      component="li"
      className="sc-bubble"
      data-mine={mine || undefined}
      data-channel={message.channel}
      aria-label={`${mine ? 'You' : 'Business'}${message.channel === 'sms' ? ', by text' : ''}`}
    >
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {message.body}
      </Text>
      <Text size="xs" className="sc-meta">
        {message.channel === 'sms' ? 'Text message · ' : ''}
        {time.format(new Date(message.createdAt))}
      </Text>
    </Box>
  );
}

/** The chat: history (earlier texts, then the secure messages), live updates and the composer. */
export function ChatView({ token }: { token: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const { ended, live } = useChatStream(token);
  const endRef = useRef<HTMLDivElement>(null);
  const messages = useQuery({
    queryKey: ['secure-chat-messages', token],
    queryFn: async () => (await api.get<{ items: CustomerMessageOut[] }>(`${linkApi(token)}/messages`)).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const send = useMutation({
    mutationFn: (body: string) =>
      api.post<CustomerMessageOut>(`${linkApi(token)}/messages`, { id: crypto.randomUUID(), body }),
    onSuccess: (message) => {
      queryClient.setQueryData<CustomerMessageOut[]>(['secure-chat-messages', token], (list) =>
        withMessage(list ?? [], message),
      );
      setDraft('');
    },
  });
  const count = messages.data?.length ?? 0;
  useEffect(() => {
    if (count > 0) endRef.current?.scrollIntoView({ block: 'end' });
  }, [count]);
  if (ended) return <GoneState slug={ended} />;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = draft.trim();
    if (body && !send.isPending) send.mutate(body);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed" role="status">
        {live ? 'Connected' : 'Connecting…'}
      </Text>
      {messages.isPending ? (
        <Loading label="Loading the conversation" />
      ) : messages.error ? (
        <LoadError
          title="The conversation could not be loaded"
          error={messages.error}
          onRetry={() => messages.refetch()}
        />
      ) : count === 0 ? (
        <Text c="dimmed">No messages yet. Write the first one below.</Text>
      ) : (
        <Box component="ol" className="sc-list" aria-label="Conversation" aria-live="polite">
          {messages.data.map((m) => (
            <Bubble key={m.id} message={m} />
          ))}
        </Box>
      )}
      <div ref={endRef} />
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Textarea
            label="Your message"
            autosize
            minRows={2}
            maxRows={6}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            maxLength={10_000}
          />
          {send.error ? (
            <Alert color="red" role="alert">
              {describeError(send.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending} disabled={!draft.trim()}>
              Send securely
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
