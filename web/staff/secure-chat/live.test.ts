import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { applyChatEvent } from './live';
import { type Message, type MessagesData, oldestFirst } from './model';
import { chatKeys } from './queries';

const stored = (id: string, createdAt: string): Message => ({
  id,
  conversationId: 'c1',
  authorType: 'contact',
  authorId: 'k1',
  authorName: 'Jane Client',
  body: `body ${id}`,
  format: 'text',
  visibility: 'public',
  kind: 'message',
  source: 'sms',
  createdAt,
  attachments: [],
  deliveries: [],
  readBy: [],
});

function clientWith(messages: Message[]): QueryClient {
  const client = new QueryClient();
  client.setQueryData<MessagesData>(chatKeys.messages('c1'), {
    pages: [{ items: messages, nextCursor: null }],
    pageParams: [undefined],
  });
  return client;
}

const cached = (client: QueryClient) =>
  oldestFirst(client.getQueryData<MessagesData>(chatKeys.messages('c1')));

describe('applyChatEvent', () => {
  it('adds a message.created to the open conversation without a refetch', () => {
    const client = clientWith([stored('a', '2030-01-01T10:00:00Z')]);
    applyChatEvent(client, {
      type: 'message.created',
      data: { conversationId: 'c1', message: stored('b', '2030-01-01T10:01:00Z') },
    });
    expect(cached(client).map((m) => m.id)).toEqual(['a', 'b']);
    expect(client.getQueryState(chatKeys.messages('c1'))?.isInvalidated).toBe(false);
  });

  it('applies a message.updated delivery change to the cached message', () => {
    const client = clientWith([stored('a', '2030-01-01T10:00:00Z')]);
    applyChatEvent(client, {
      type: 'message.updated',
      data: {
        conversationId: 'c1',
        messageId: 'a',
        deliveries: [{ channel: 'sms', recipient: '+12025550143', status: 'delivered' }],
      },
    });
    expect(cached(client)[0]?.deliveries).toEqual([
      { channel: 'sms', recipient: '+12025550143', status: 'delivered' },
    ]);
  });

  it('refetches when an update names a message the cache does not hold', () => {
    const client = clientWith([stored('a', '2030-01-01T10:00:00Z')]);
    applyChatEvent(client, {
      type: 'message.updated',
      data: { conversationId: 'c1', messageId: 'zzz', deliveries: [] },
    });
    expect(client.getQueryState(chatKeys.messages('c1'))?.isInvalidated).toBe(true);
  });

  it('leaves conversations that are not open alone, and drops a deleted one', () => {
    const client = clientWith([stored('a', '2030-01-01T10:00:00Z')]);
    applyChatEvent(client, {
      type: 'message.created',
      data: { conversationId: 'other', message: stored('x', '2030-01-01T10:00:00Z') },
    });
    expect(client.getQueryData(chatKeys.messages('other'))).toBeUndefined();
    applyChatEvent(client, { type: 'conversation.deleted', data: { id: 'c1' } });
    expect(client.getQueryData(chatKeys.messages('c1'))).toBeUndefined();
  });
});
