import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings/model';
import { framedText } from '../sms/framing';
import { checkLength, fillSenderPrefix, framingFor } from './sender-prefix';

const texting = DEFAULT_SETTINGS.secureChatTexting;
const base = { texting, firmName: 'Demo Law LLP', senderId: 'alice', senderName: 'Alice Smith' };

describe('framingFor', () => {
  it('names the firm and the sender and adds the opt-out footer on the first text of a thread', () => {
    expect(framingFor({ ...base, previousSenderId: null })).toEqual({
      prefix: 'Demo Law LLP - Alice Smith:',
      footer: 'Reply STOP to opt out',
    });
  });

  it('leaves a text from the same sender as the previous one bare', () => {
    expect(framingFor({ ...base, previousSenderId: 'alice' })).toEqual({ prefix: null, footer: null });
  });

  it('names a colleague who writes after another sender, without the footer', () => {
    expect(framingFor({ ...base, previousSenderId: 'bob' })).toEqual({
      prefix: 'Demo Law LLP - Alice Smith:',
      footer: null,
    });
  });

  it('uses the configured firm name, prefix and footer, and drops what is emptied', () => {
    const custom = { ...texting, senderPrefix: '[{firm}] {name}:', firmDisplayName: 'DLL', optOutFooter: '' };
    expect(framingFor({ ...base, texting: custom, previousSenderId: null })).toEqual({
      prefix: '[DLL] Alice Smith:',
      footer: null,
    });
    const off = { ...texting, senderPrefix: '' };
    expect(framingFor({ ...base, texting: off, previousSenderId: 'bob' }).prefix).toBeNull();
  });
});

describe('framedText', () => {
  it('puts the prefix before the body and the footer on its own line', () => {
    expect(framedText('Hello', { prefix: 'F – A:', footer: 'Reply STOP to opt out' })).toBe(
      'F – A: Hello\nReply STOP to opt out',
    );
    expect(framedText('Hello', { prefix: null, footer: null })).toBe('Hello');
  });
});

describe('fillSenderPrefix', () => {
  it('fills every placeholder', () => {
    expect(fillSenderPrefix('{name} ({firm}) {name}:', 'F', 'A')).toBe('A (F) A:');
  });
});

describe('checkLength', () => {
  it('counts the segments of the whole framed text against the limit', () => {
    expect(checkLength('a'.repeat(160), 1)).toEqual({ segments: 1, fits: true });
    expect(checkLength('a'.repeat(161), 1)).toEqual({ segments: 2, fits: false });
  });
});
