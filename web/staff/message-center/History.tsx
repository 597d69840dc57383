import { Box, Button, Center, Group, Stack, Text } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Spinner } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { type Message, oldestFirst } from '../secure-chat/model';
import { useMessages } from '../secure-chat/queries';
import { Bubble } from './Bubble';

// How close to an edge (px) counts as "at" it: the bottom follows new messages, the top loads older ones.
const EDGE = 80;

/**
 * The conversation's history, newest at the bottom. Scrolling up (or the button at the top) loads older
 * messages and keeps the view in place; new messages scroll into view when the reader is at the bottom or
 * wrote them. The newest message is marked read while the browser tab is visible.
 */
export function History({
  conversationId,
  customer,
  myId,
  onRetry,
}: {
  conversationId: string;
  customer: string;
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
    <Box
      ref={scrollRef}
      role="log"
      aria-label={`Messages with ${customer}`}
      tabIndex={0}
      onScroll={onScroll}
      style={{
        flex: 1,
        minHeight: 0,
        overflowY: 'auto',
        padding: '12px 16px',
        background: 'var(--parley-surface-muted)',
      }}
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
      ) : list.length === 0 ? (
        <EmptyState icon={<IconMessageCircle size={28} />} title="No messages yet">
          The customer's texts and your replies and notes will show here.
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
            <Bubble
              key={m.id}
              message={m}
              author={m.authorName ?? (m.authorType === 'contact' ? customer : 'Former colleague')}
              mine={m.authorType === 'user' && m.authorId === myId}
              onRetry={m.local === 'failed' ? () => onRetry(m) : undefined}
            />
          ))}
        </Stack>
      )}
    </Box>
  );
}

/** Tells the server the newest message was read, once per message, only while the tab is on screen. */
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
        .then(() => queryClient.invalidateQueries({ queryKey: ['conversations', 'message-center'] }))
        .catch(() => {
          marked.current = undefined;
        });
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [api, queryClient, conversationId, newestId]);
}
