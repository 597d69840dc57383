import { describe, expect, it } from 'vitest';
import { classifyInbound } from '../../channels/sms/keywords';
import {
  earnsUnlinkedReply,
  mayOpenThread,
  pickContactPhone,
  pickPoolNumber,
  THREAD_LIMIT_DETAIL,
  unlinkedReplyText,
} from './model';

describe('pickPoolNumber', () => {
  const pool = ['+12025550901', '+12025550900', '+12025550902'];

  it('takes the lowest number no open thread with the client holds', () => {
    expect(pickPoolNumber(pool, new Set())).toBe('+12025550900');
    expect(pickPoolNumber(pool, new Set(['+12025550900']))).toBe('+12025550901');
    expect(pickPoolNumber(pool, new Set(['+12025550900', '+12025550901']))).toBe('+12025550902');
    expect(pickPoolNumber(pool, new Set(['+12025550901']))).toBe('+12025550900');
  });

  it('answers null when every number is taken or the pool is empty', () => {
    expect(pickPoolNumber(pool, new Set(pool))).toBeNull();
    expect(pickPoolNumber([], new Set())).toBeNull();
  });

  it('ignores links to numbers outside the pool', () => {
    expect(pickPoolNumber(['+12025550900'], new Set(['+19995550000']))).toBe('+12025550900');
  });
});

describe('mayOpenThread', () => {
  it('allows fewer open threads than the limit while a number is free', () => {
    expect(mayOpenThread({ openByUser: 0, maxOpen: 2, freeNumbers: 2 })).toBe(true);
    expect(mayOpenThread({ openByUser: 1, maxOpen: 2, freeNumbers: 1 })).toBe(true);
  });

  it('refuses at the limit', () => {
    expect(mayOpenThread({ openByUser: 2, maxOpen: 2, freeNumbers: 5 })).toBe(false);
    expect(mayOpenThread({ openByUser: 3, maxOpen: 2, freeNumbers: 5 })).toBe(false);
  });

  it('refuses when the pool has no free number, whatever the limit', () => {
    expect(mayOpenThread({ openByUser: 0, maxOpen: 10, freeNumbers: 0 })).toBe(false);
  });

  it('tells the user to end an old thread', () => {
    expect(THREAD_LIMIT_DETAIL).toMatch(/end an old thread/i);
  });
});

describe('pickContactPhone', () => {
  const phones = ['+12025550143', '+12025550144'];

  it('accepts any common spelling of one of the contact’s phones', () => {
    expect(pickContactPhone(phones, '+12025550143')).toBe('+12025550143');
    expect(pickContactPhone(phones, '(202) 555-0144')).toBe('+12025550144');
    expect(pickContactPhone(phones, '202.555.0143')).toBe('+12025550143');
    expect(pickContactPhone(phones, '+1 202 555 0143')).toBe('+12025550143');
  });

  it('refuses other numbers and text that is not a number', () => {
    expect(pickContactPhone(phones, '+12025550178')).toBeNull();
    expect(pickContactPhone(phones, 'not a phone')).toBeNull();
    expect(pickContactPhone([], '+12025550143')).toBeNull();
  });
});

describe('automatic reply to an unlinked number', () => {
  it('answers plain texts only', () => {
    expect(earnsUnlinkedReply(classifyInbound('Hello, are you there?'))).toBe(true);
  });

  it('never answers opt-out, opt-in or help keywords', () => {
    for (const word of ['STOP', 'stop', 'Unsubscribe', 'QUIT', 'START', 'HELP', 'info'])
      expect(earnsUnlinkedReply(classifyInbound(word))).toBe(false);
  });

  it('never answers a text that reads like a withdrawal of consent', () => {
    expect(earnsUnlinkedReply(classifyInbound('please stop texting me'))).toBe(false);
  });

  it('names the firm and says the conversation ended, in one segment', () => {
    const text = unlinkedReplyText('Demo Law LLP');
    expect(text).toContain('Demo Law LLP');
    expect(text).toMatch(/ended/);
    expect(text.length).toBeLessThanOrEqual(160);
  });
});
