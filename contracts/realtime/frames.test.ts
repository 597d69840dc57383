import { describe, expect, it } from 'vitest';
import { parseStreamFrame } from './frames';

const frame = (value: unknown) => JSON.stringify(value);

describe('parseStreamFrame', () => {
  it('reads the ready, resync and event frames the server sends', () => {
    expect(parseStreamFrame(frame({ type: 'ready', data: { userId: 'u' } }))).toEqual({
      type: 'ready',
      data: { userId: 'u' },
    });
    expect(parseStreamFrame(frame({ type: 'resync' }))).toEqual({ type: 'resync' });
    expect(parseStreamFrame(frame({ type: 'conversation.deleted', data: { id: 'c1' } }))).toEqual({
      type: 'conversation.deleted',
      data: { id: 'c1' },
    });
  });

  it('ignores binary, malformed and untyped frames', () => {
    expect(parseStreamFrame(new ArrayBuffer(2))).toBeUndefined();
    expect(parseStreamFrame('not json')).toBeUndefined();
    expect(parseStreamFrame('{"data":1}')).toBeUndefined();
    expect(parseStreamFrame('null')).toBeUndefined();
  });

  it('ignores a type the contract does not know, and a payload that breaks its type’s contract', () => {
    expect(parseStreamFrame(frame({ type: 'typing', data: {} }))).toBeUndefined();
    expect(parseStreamFrame(frame({ type: 'conversation.deleted', data: {} }))).toBeUndefined();
    expect(
      parseStreamFrame(frame({ type: 'pong', data: { at: 'yesterday' } })),
      'a time that is not ISO 8601',
    ).toBeUndefined();
    expect(
      parseStreamFrame(
        frame({ type: 'message.created', data: { conversationId: 'c1', message: { id: 'm' } } }),
      ),
      'a partial message',
    ).toBeUndefined();
  });

  it('drops fields the contract does not list, so the cache holds only documented ones', () => {
    expect(parseStreamFrame(frame({ type: 'conversation.deleted', data: { id: 'c1', extra: 1 } }))).toEqual({
      type: 'conversation.deleted',
      data: { id: 'c1' },
    });
  });
});
