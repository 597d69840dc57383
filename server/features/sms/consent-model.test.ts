import { describe, expect, it } from 'vitest';
import { classifyInbound } from '../../channels/sms/keywords';
import {
  bypassesOptOut,
  CONSENT_REPLIES,
  consentFlags,
  decideConsent,
  fillHelpText,
  optedOutDetail,
  optOutConfirmation,
  pairKey,
} from './consent-model';

const decide = (state: 'opted_in' | 'opted_out', body: string) => decideConsent(state, classifyInbound(body));

describe('decideConsent', () => {
  it('opts an opted-in pair out on any opt-out keyword, with the confirmation', () => {
    for (const word of ['STOP', 'stopall', ' Unsubscribe ', 'cancel!', 'END', 'quit', 'REVOKE', 'optout'])
      expect(decide('opted_in', word)).toEqual({
        change: { state: 'opted_out', cause: 'keyword', keyword: word.replace(/[^a-z]/gi, '').toUpperCase() },
        reply: CONSENT_REPLIES.optOut,
        flag: false,
      });
  });

  it('records nothing and sends nothing for a STOP from an opted-out pair', () => {
    expect(decide('opted_out', 'STOP')).toEqual({ change: null, reply: null, flag: false });
  });

  it('opts an opted-out pair back in on START, YES or UNSTOP, with the confirmation', () => {
    for (const word of ['START', 'yes', 'Unstop'])
      expect(decide('opted_out', word)).toMatchObject({
        change: { state: 'opted_in', cause: 'keyword' },
        reply: CONSENT_REPLIES.optIn,
      });
  });

  it('treats an opt-in keyword from a pair that never opted out as an ordinary text', () => {
    expect(decide('opted_in', 'YES')).toEqual({ change: null, reply: null, flag: false });
    expect(decide('opted_in', 'START')).toEqual({ change: null, reply: null, flag: false });
  });

  it('answers HELP and INFO in either state, changing nothing', () => {
    for (const state of ['opted_in', 'opted_out'] as const)
      for (const word of ['HELP', 'info'])
        expect(decide(state, word)).toEqual({ change: null, reply: CONSENT_REPLIES.help, flag: false });
  });

  it('flags free-text revocations (STOP PLEASE included) while opted in, never acting on them', () => {
    for (const body of ['STOP PLEASE', 'please stop texting me', "don't text me", 'remove me from your list'])
      expect(decide('opted_in', body)).toEqual({ change: null, reply: null, flag: true });
    expect(decide('opted_out', 'please stop texting me').flag).toBe(false);
  });

  it('leaves ordinary texts alone', () => {
    for (const body of ['stop by the office', 'see you at the end of the week', 'yes please', 'Thanks!'])
      expect(decide('opted_in', body)).toEqual({ change: null, reply: null, flag: false });
  });
});

describe('texts and keys', () => {
  it('lets only the consent replies through to an opted-out number', () => {
    expect(bypassesOptOut(CONSENT_REPLIES.optOut)).toBe(true);
    expect(bypassesOptOut(CONSENT_REPLIES.help)).toBe(true);
    expect(bypassesOptOut('secure_chat_unlinked')).toBe(false);
  });

  it('fills the help text and signs the confirmation', () => {
    expect(fillHelpText('{firm}: call {phone}. {firm}', 'Demo LLP', '+12025550100')).toBe(
      'Demo LLP: call +12025550100. Demo LLP',
    );
    expect(optOutConfirmation('Demo LLP')).toMatch(
      /^Demo LLP: You have been unsubscribed.*Reply START to resubscribe\.$/,
    );
  });

  it('explains a refusal with the keyword and the date', () => {
    expect(optedOutDetail('+13125550100', new Date('2026-03-02T10:00:00Z'), 'STOP', 'UTC')).toBe(
      '+13125550100 replied STOP on 2026-03-02; they must text START to receive texts from this number again.',
    );
    // An evening opt-out in New York is dated that evening, not on the next UTC day.
    expect(
      optedOutDetail('+13125550100', new Date('2026-03-03T02:00:00Z'), 'STOP', 'America/New_York'),
    ).toContain('on 2026-03-02;');
    expect(optedOutDetail('+13125550100', null, null, 'UTC')).toMatch(/^\+13125550100 opted out;/);
    expect(pairKey('+1', '+2')).toBe('+1|+2');
  });
});

describe('consentFlags', () => {
  it('reads a missing state as opted in, and flags a revocation only while opted in', () => {
    const at = new Date('2026-03-03T02:00:00Z');
    expect(consentFlags(null)).toEqual({ optedOut: false, revocationFlagged: false });
    expect(consentFlags({ state: 'opted_in', revocationFlaggedAt: null })).toEqual({
      optedOut: false,
      revocationFlagged: false,
    });
    expect(consentFlags({ state: 'opted_in', revocationFlaggedAt: at })).toEqual({
      optedOut: false,
      revocationFlagged: true,
    });
    expect(consentFlags({ state: 'opted_out', revocationFlaggedAt: at })).toEqual({
      optedOut: true,
      revocationFlagged: false,
    });
  });
});
