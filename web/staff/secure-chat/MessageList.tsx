import { Button, Center, Group, Stack, Text } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Spinner } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { MessageBubble } from './MessageBubble';
import type { Message } from './model';
import { oldestFirst } from './model';
import { useMessages } from './queries';

// How close to an edge (px) counts as "at" it: the bottom keeps following new messages, the top loads older.
const EDGE = 80;

/**
 * The scrolling history, newest at the bottom. Scrolling to the top (or the button there) loads the page
 * before the oldest loaded message and keeps the view where it was; new messages scroll into view when the
 * reader is at the bottom or wrote them. The newest message is marked read while the browser tab is visible.
 */
export function MessageList({
  conversationId,
  names,
  contactName,
  myId,
  endedAt,
  clientPhone,
  onRetry,
}: {
  conversationId: string;
  /** The client's phone, whose delivery the ticks show. */
  clientPhone?: string | null;
  /** When the thread ended: client texts after it are marked. */
  endedAt?: string | null;
  names: Map<string, string>;
  contactName: string;
  myId?: string;
  onRetry: (message: Message) => void;
}) {
  const messages = useMessages(conversationId);
  const list = oldestFirst(messages.data);
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const previous = useRef<{ first?: string; last?: string }>({});
  const atBottom = useRef(true);
  const firstId = list[0]?.id;
  const last = list.at(-1);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const before = previous.current;
    if (before.first !== undefined && firstId !== before.first && anchor.current) {
      el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = null;
    } else if (last?.id !== before.last) {
      const mine = last?.authorType === 'user' && last.authorId === myId;
      if (before.last === undefined || atBottom.current || mine) el.scrollTop = el.scrollHeight;
    }
    previous.current = { first: firstId, last: last?.id };
  }, [firstId, last, myId]);

  // A banner or a taller composer shrinks the log: a reader at the bottom stays there.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useMarkRead(conversationId, [...list].reverse().find((m) => !m.local)?.id);

  const loadOlder = () => {
    const el = scrollRef.current;
    if (!el || !messages.hasNextPage || messages.isFetchingNextPage) return;
    anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    void messages.fetchNextPage();
  };
  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < EDGE;
    if (el.scrollTop < EDGE) loadOlder();
  };

  return (
    <div
      ref={scrollRef}
      className="chat-log"
      role="log"
      aria-label={`Messages with ${contactName}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
      tabIndex={0}
      onScroll={onScroll}
    >
      {messages.isPending ? (
        <Center h="100%">
          <Spinner label="Loading messages" />
        </Center>
      ) : !messages.data ? (
        <LoadError
          title="Messages could not be loaded"
          error={messages.error}
          onRetry={() => messages.refetch()}
        />
      ) : list.length === 0 && !messages.isError ? (
        <EmptyState icon={<IconMessageCircle size={28} />} title="No messages yet">
          Write the first message below: {contactName} receives it as a text message and can simply reply.
        </EmptyState>
      ) : (
        <Stack gap="sm">
          <Group justify="center">
            {messages.hasNextPage ? (
              <Button variant="subtle" size="xs" loading={messages.isFetchingNextPage} onClick={loadOlder}>
                Load older messages
              </Button>
            ) : (
              <Text size="xs" c="dimmed">
                Start of the conversation
              </Text>
            )}
          </Group>
          {messages.isFetchNextPageError && (
            <Text size="xs" c="red.8" ta="center" role="alert">
              Older messages could not be loaded: {describeError(messages.error)}
            </Text>
          )}
          {list.map((m) => (
            <MessageBubble
              key={m.id}
              message={m}
              author={authorName(m, names, contactName)}
              mine={m.authorType === 'user' && m.authorId === myId}
              clientPhone={clientPhone}
              afterEnd={Boolean(endedAt) && m.authorType === 'contact' && m.createdAt > (endedAt ?? '')}
              onRetry={m.local === 'failed' ? () => onRetry(m) : undefined}
            />
          ))}
        </Stack>
      )}
    </div>
  );
}

function authorName(m: Message, names: Map<string, string>, contactName: string): string {
  if (m.authorName) return m.authorName;
  if (m.authorId && names.has(m.authorId)) return names.get(m.authorId) as string;
  return m.authorType === 'contact' ? contactName : 'Former member';
}

/**
 * Tells the server the newest message was read, once per message, only while the tab is on screen; the
 * server then marks the caller's notifications about it read too (`notification.read` refreshes the bell).
 */
function useMarkRead(conversationId: string, newestId: string | undefined) {
  const api = useApi();
  const queryClient = useQueryClient();
  const marked = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!newestId) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || marked.current === newestId) return;
      marked.current = newestId;
      api
        .post(`/api/v1/conversations/${encodeURIComponent(conversationId)}/read`, { messageId: newestId })
        .then(() => queryClient.invalidateQueries({ queryKey: ['conversations', 'list'] }))
        .catch(() => {
          marked.current = undefined;
        });
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [api, queryClient, conversationId, newestId]);
}
