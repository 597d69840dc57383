import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSameSign } from '../../../test/support/sign';
import {
  advancesReadState,
  comparePositions,
  type MemberReadState,
  type MessagePosition,
  readersOf,
  waitingEffect,
} from './model';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const pos = (ms: number, id: string): MessagePosition => ({ createdAt: at(ms), id });
const position = fc.record({
  createdAt: fc.integer({ min: 0, max: 10_000 }).map(at),
  id: fc.constantFrom('a', 'b', 'c', 'd'),
});

describe('comparePositions', () => {
  it('orders by time first, then by id', () => {
    expect(comparePositions(pos(1, 'z'), pos(2, 'a'))).toBeLessThan(0);
    expect(comparePositions(pos(2, 'a'), pos(1, 'z'))).toBeGreaterThan(0);
    expect(comparePositions(pos(1, 'a'), pos(1, 'b'))).toBeLessThan(0);
    expect(comparePositions(pos(1, 'b'), pos(1, 'a'))).toBeGreaterThan(0);
    expectSameSign(comparePositions(pos(1, 'a'), pos(1, 'a')), 0);
  });

  it('is a total order: antisymmetric and transitive', () => {
    fc.assert(
      fc.property(position, position, position, (a, b, c) => {
        expectSameSign(comparePositions(a, b), -comparePositions(b, a));
        if (comparePositions(a, b) <= 0 && comparePositions(b, c) <= 0)
          expect(comparePositions(a, c)).toBeLessThanOrEqual(0);
      }),
      // Equal positions, where a sign comparison that tells -0 from 0 used to fail.
      { examples: [[pos(0, 'a'), pos(0, 'a'), pos(0, 'a')]] },
    );
  });
});

describe('advancesReadState', () => {
  it('moves from nothing read to any message', () => {
    expect(advancesReadState(null, pos(0, 'a'))).toBe(true);
  });

  it('moves forward only', () => {
    expect(advancesReadState(pos(5, 'a'), pos(6, 'a'))).toBe(true);
    expect(advancesReadState(pos(5, 'a'), pos(5, 'b'))).toBe(true);
    expect(advancesReadState(pos(5, 'a'), pos(5, 'a'))).toBe(false);
    expect(advancesReadState(pos(5, 'b'), pos(5, 'a'))).toBe(false);
    expect(advancesReadState(pos(5, 'a'), pos(4, 'z'))).toBe(false);
  });

  it('never lets a sequence of reads end before the newest message read', () => {
    fc.assert(
      fc.property(fc.array(position, { minLength: 1, maxLength: 20 }), (reads) => {
        let state: MessagePosition | null = null;
        for (const r of reads) if (advancesReadState(state, r)) state = r;
        const newest = [...reads].sort(comparePositions).at(-1) as MessagePosition;
        expectSameSign(comparePositions(state as MessagePosition, newest), 0);
      }),
    );
  });
});

describe('readersOf', () => {
  const member = (
    id: string,
    lastRead: MessagePosition | null,
    type: 'user' | 'contact' = 'user',
  ): MemberReadState => ({
    type,
    id,
    lastRead,
    lastReadAt: lastRead ? lastRead.createdAt : null,
  });
  const message = { ...pos(10, 'm'), authorType: 'user', authorId: 'author' };

  it('lists members whose read position is at or past the message, never its author', () => {
    const readers = readersOf(message, [
      member('author', pos(20, 'x')),
      member('exact', pos(10, 'm')),
      member('later', pos(11, 'a')),
      member('earlier', pos(9, 'z')),
      member('none', null),
      member('client', pos(30, 'q'), 'contact'),
    ]);
    expect(readers.map((r) => r.id)).toEqual(['exact', 'later', 'client']);
  });

  it('leaves out a contact author by type and id, but not a user with the same id', () => {
    const fromClient = { ...pos(10, 'm'), authorType: 'contact', authorId: 'same' };
    const readers = readersOf(fromClient, [
      member('same', pos(11, 'a'), 'contact'),
      member('same', pos(11, 'a')),
    ]);
    expect(readers).toEqual([member('same', pos(11, 'a'))]);
  });

  it('lists nobody for a message nobody read up to', () => {
    expect(readersOf(message, [member('a', pos(1, 'a')), member('b', null)])).toEqual([]);
  });
});

describe('waitingEffect', () => {
  const msg = (authorType: string, visibility = 'public', kind = 'message') => ({
    authorType,
    visibility,
    kind,
  });

  it('starts the wait at a client message (the store keeps an earlier start)', () => {
    expect(waitingEffect(msg('contact'))).toBe('start');
  });

  it('ends the wait with a public staff message', () => {
    expect(waitingEffect(msg('user'))).toBe('clear');
  });

  it('keeps the wait through staff notes and internal messages, status updates and system entries', () => {
    expect(waitingEffect(msg('user', 'note'))).toBe('keep');
    expect(waitingEffect(msg('user', 'internal'))).toBe('keep');
    expect(waitingEffect(msg('user', 'public', 'status'))).toBe('keep');
    expect(waitingEffect(msg('contact', 'public', 'status'))).toBe('keep');
    expect(waitingEffect(msg('system', 'public', 'system'))).toBe('keep');
    expect(waitingEffect(msg('system'))).toBe('keep');
  });
});
