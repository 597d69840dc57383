import { describe, expect, it } from 'vitest';
import {
  deliveryState,
  formatPhone,
  formatWhen,
  type Message,
  type MessagesData,
  oldestFirst,
  optedOutReason,
  segmentSummary,
  upsertMessage,
} from './model';

const message = (id: string, createdAt: string, extra: Partial<Message> = {}): Message => ({
  id,
  conversationId: 'c1',
  authorType: 'user',
  authorId: 'u1',
  authorName: 'Alex Attorney',
  body: `body ${id}`,
  format: 'text',
  visibility: 'public',
  kind: 'message',
  source: 'web',
  createdAt,
  attachments: [],
  deliveries: [],
  readBy: [],
  ...extra,
});

const data = (...pages: Message[][]): MessagesData => ({
  pages: pages.map((items, i) => ({ items, nextCursor: i < pages.length - 1 ? 'x' : null })),
  pageParams: pages.map((_, i) => (i === 0 ? undefined : `p${i}`)),
});

describe('deliveryState', () => {
  const sms = (status: string, errorCode?: string) => ({
    local: undefined,
    deliveries: [{ channel: 'sms', recipient: '+12025550143', status, errorCode }],
  });

  it('maps each SMS status to its tick', () => {
    expect(deliveryState(sms('queued')).state).toBe('queued');
    expect(deliveryState(sms('sending')).state).toBe('queued');
    expect(deliveryState(sms('sent')).state).toBe('sent');
    expect(deliveryState(sms('delivered')).state).toBe('delivered');
    expect(deliveryState(sms('failed')).state).toBe('failed');
    expect(deliveryState(sms('undelivered')).state).toBe('failed');
  });

  it('shows the delivery to the client when contacts added to the thread are texted too', () => {
    const message = {
      local: undefined,
      deliveries: [
        { channel: 'sms', recipient: '+12025550101', status: 'failed' },
        { channel: 'sms', recipient: '+12025550143', status: 'delivered' },
      ],
    };
    expect(deliveryState(message, '+12025550143').state).toBe('delivered');
    expect(deliveryState(message).state).toBe('failed');
  });

  it('explains a failure by its provider error code, and unknown codes by number', () => {
    expect(deliveryState(sms('failed', '21610')).error).toBe(
      'The client has opted out of texts (replied STOP).',
    );
    expect(deliveryState(sms('undelivered', '99999')).error).toBe(
      'The text was not delivered (error 99999).',
    );
    expect(deliveryState(sms('failed')).error).toBe('The text was not delivered.');
  });

  it('shows a message still on its way, or refused by the server, before any delivery', () => {
    expect(deliveryState({ local: 'sending', deliveries: [] }).state).toBe('sending');
    expect(deliveryState({ local: 'failed', localError: 'This thread has ended.', deliveries: [] })).toEqual({
      state: 'failed',
      error: 'This thread has ended.',
    });
  });

  it('shows no tick for messages that are not texted', () => {
    expect(deliveryState({ deliveries: [] }).state).toBe('none');
    expect(
      deliveryState({ deliveries: [{ channel: 'email', recipient: 'jane@example.com', status: 'sent' }] })
        .state,
    ).toBe('none');
  });
});

describe('oldestFirst', () => {
  it('flattens newest-first pages into one oldest-first list without duplicates', () => {
    const d = data(
      [message('c', '2030-01-01T10:02:00Z'), message('b', '2030-01-01T10:01:00Z')],
      [message('b', '2030-01-01T10:01:00Z'), message('a', '2030-01-01T10:00:00Z')],
    );
    expect(oldestFirst(d).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(oldestFirst(undefined)).toEqual([]);
  });
});

describe('upsertMessage', () => {
  it('adds a new message to the newest page in time order', () => {
    const d = data([message('b', '2030-01-01T10:01:00Z'), message('a', '2030-01-01T10:00:00Z')]);
    const next = upsertMessage(d, message('c', '2030-01-01T10:02:00Z'));
    expect(oldestFirst(next).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('replaces the optimistic copy by the stored one (same id), clearing its local state', () => {
    const d = data([message('a', '2030-01-01T10:00:00Z', { local: 'sending' })]);
    const next = upsertMessage(
      d,
      message('a', '2030-01-01T10:00:01Z', {
        deliveries: [{ channel: 'sms', recipient: '+12025550143', status: 'queued' }],
      }),
    );
    const [only] = oldestFirst(next);
    expect(oldestFirst(next)).toHaveLength(1);
    expect(only?.local).toBeUndefined();
    expect(only?.deliveries).toEqual([{ channel: 'sms', recipient: '+12025550143', status: 'queued' }]);
  });

  it('merges a partial update (new delivery states) into a cached message in an older page', () => {
    const d = data([message('b', '2030-01-01T10:01:00Z')], [message('a', '2030-01-01T10:00:00Z')]);
    const next = upsertMessage(d, {
      id: 'a',
      deliveries: [{ channel: 'sms', recipient: '+12025550143', status: 'delivered' }],
    });
    const a = oldestFirst(next).find((m) => m.id === 'a');
    expect(a?.body).toBe('body a');
    expect(a?.deliveries[0]?.status).toBe('delivered');
  });

  it('ignores a partial update for a message that is not cached, and an empty cache', () => {
    const d = data([message('a', '2030-01-01T10:00:00Z')]);
    expect(upsertMessage(d, { id: 'zzz', deliveries: [] })).toBe(d);
    expect(upsertMessage(undefined, message('a', '2030-01-01T10:00:00Z'))).toBeUndefined();
  });

  it('marks an optimistic message failed', () => {
    const d = data([message('a', '2030-01-01T10:00:00Z', { local: 'sending' })]);
    const next = upsertMessage(d, { id: 'a', local: 'failed', localError: 'Offline' });
    expect(oldestFirst(next)[0]).toMatchObject({ local: 'failed', localError: 'Offline', body: 'body a' });
  });
});

describe('segmentSummary', () => {
  it('counts GSM segments and the room left', () => {
    expect(segmentSummary('').text).toBe('SMS: 0 segments');
    expect(segmentSummary('Hello').text).toBe('SMS: 1 segment · 155 characters left in this segment');
    expect(segmentSummary('x'.repeat(161)).text).toBe(
      'SMS: 2 segments · 145 characters left in this segment',
    );
    expect(segmentSummary('Hello').warning).toBeNull();
  });

  it('warns when a character switches the text to Unicode', () => {
    const s = segmentSummary('Thanks 🙂');
    expect(s.text).toBe('SMS: 1 segment · 61 characters left in this segment');
    expect(s.warning).toBe('🙂 switches the text to Unicode: 70 characters per segment instead of 160.');
  });
});

describe('formatPhone and formatWhen', () => {
  it('formats E.164 numbers for reading and leaves others as given', () => {
    expect(formatPhone('+12025550143')).toBe('+1 202 555 0143');
    expect(formatPhone('not a number')).toBe('not a number');
    expect(formatPhone(null)).toBe('');
  });

  it('shows the time today, the day this year, the date before', () => {
    const now = new Date(2030, 5, 15, 18, 0);
    expect(formatWhen(new Date(2030, 5, 15, 14, 5).toISOString(), now)).toBe('2:05 PM');
    expect(formatWhen(new Date(2030, 2, 3, 14, 5).toISOString(), now)).toBe('Mar 3, 2:05 PM');
    expect(formatWhen(new Date(2029, 2, 3, 14, 5).toISOString(), now)).toBe('Mar 3, 2029');
    expect(formatWhen(null, now)).toBe('');
  });
});

describe('optedOutReason', () => {
  const base = {
    optedOut: true,
    since: '2026-03-02T10:00:00.000Z',
    revocationFlagged: false,
    revocationMessageId: null,
  };
  it('names the number, the keyword and the day', () => {
    expect(optedOutReason('+13125550100', { ...base, cause: 'keyword', keyword: 'STOP' })).toBe(
      '+1 312 555 0100 replied STOP on Mar 2, 2026; they must text START to receive texts',
    );
  });
  it('says who opted them out otherwise, and nothing while they may be texted', () => {
    expect(optedOutReason('+13125550100', { ...base, cause: 'staff', keyword: null })).toMatch(
      /opted out by the firm on Mar 2, 2026/,
    );
    expect(optedOutReason('+13125550100', { ...base, cause: 'provider', keyword: null })).toMatch(/carrier/);
    expect(
      optedOutReason('+13125550100', { ...base, optedOut: false, cause: null, keyword: null }),
    ).toBeNull();
    expect(optedOutReason('+13125550100', null)).toBeNull();
  });
});
