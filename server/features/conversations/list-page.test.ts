import { describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/http/actor';
import { pageKey, pageOf } from './list-page';
import type { ListConversationsQuery } from './schemas';

const agent = (userId: string, permissions = ['message_center.use']) =>
  ({
    kind: 'user',
    firmId: `firm-of-${userId}`,
    userId,
    role: 'agent',
    permissions,
    via: 'session',
  }) as unknown as StaffActor;
const query = (q: Partial<ListConversationsQuery>) => ({ limit: 50, ...q }) as ListConversationsQuery;

describe('a conversation page: one statement per shape, the values apart', () => {
  it('has the same shape for two callers of one role and permissions; their ids are values', () => {
    const a = pageOf(agent('a'), query({ kind: 'sms' }), null);
    const b = pageOf(agent('b'), query({ kind: 'sms' }), null);
    expect(pageKey(a.shape)).toBe(pageKey(b.shape));
    expect(a.values).toEqual({ firmId: 'firm-of-a', userId: 'a', limit: 51 });
    expect(b.values).toMatchObject({ firmId: 'firm-of-b', userId: 'b' });
  });

  it('opens the Message Center on Open, and reads the others as asked', () => {
    expect(pageOf(agent('a'), query({ kind: 'sms' }), null).shape.filter).toBe('open');
    expect(pageOf(agent('a'), query({ kind: 'secure_chat' }), null).shape.filter).toBeUndefined();
    expect(pageOf(agent('a'), query({ kind: 'sms', filter: 'closed' }), null).shape.filter).toBe('closed');
  });

  it('has another shape for each choice that changes the text', () => {
    const base = pageKey(pageOf(agent('a'), query({ kind: 'sms' }), null).shape);
    const others = [
      pageOf(agent('a', ['message_center.use', 'settings.manage']), query({ kind: 'sms' }), null),
      pageOf(agent('a'), query({ kind: 'secure_chat' }), null),
      pageOf(agent('a'), query({ kind: 'sms', filter: 'mine' }), null),
      pageOf(agent('a'), query({ kind: 'sms' }), ['2026-12-01T00:00:00.000000Z', 'x']),
      pageOf(agent('a'), query({ kind: 'sms', matterId: 'm' }), null),
      pageOf(agent('a'), query({ kind: 'sms', contactId: 'c' }), null),
      pageOf(agent('a'), query({ kind: 'sms', teamId: 't' }), null),
      pageOf(agent('a'), query({ kind: 'sms', q: 'roe' }), null),
      pageOf(agent('a'), query({ kind: 'sms', q: '555 0143' }), null),
    ].map((p) => pageKey(p.shape));
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
    // The order permissions come in is no choice.
    expect(pageKey(pageOf(agent('a', ['b', 'a']), query({}), null).shape)).toBe(
      pageKey(pageOf(agent('a', ['a', 'b']), query({}), null).shape),
    );
  });

  it('passes the filters’ values as values: the cursor, ids, and the search escaped for ilike', () => {
    const { values, shape } = pageOf(
      agent('a'),
      query({ kind: 'sms', matterId: 'm', contactId: 'c', teamId: 't', q: '50%_o\\ff (202) 555' }),
      ['2026-12-01T00:00:00.000000Z', 'x'],
    );
    expect(shape.q).toBe('name or phone');
    expect(values).toMatchObject({
      cursorTime: '2026-12-01T00:00:00.000000Z',
      cursorId: 'x',
      matterId: 'm',
      contactId: 'c',
      teamId: 't',
      qName: '%50\\%\\_o\\\\ff (202) 555%',
      qPhone: '%50202555%',
    });
    expect(pageOf(agent('a'), query({ q: 'roe 12' }), null).shape.q).toBe('name');
  });
});
