import { describe, expect, it } from 'vitest';
import { goneText, secondsUntil, tokenFromPath, withMessage } from './model';

describe('secure chat page rules', () => {
  it('reads the token from /m/<token>', () => {
    expect(tokenFromPath('/m/abc.def')).toBe('abc.def');
    expect(tokenFromPath('/m/abc.def/')).toBe('abc.def');
    expect(tokenFromPath('/m/')).toBe('');
    expect(tokenFromPath('/portal')).toBe('');
  });
  it('explains each unusable link', () => {
    expect(goneText('link-expired').title).toMatch(/expired/);
    expect(goneText('link-used').title).toMatch(/already used/);
    expect(goneText('link-burnt').title).toMatch(/locked/);
    expect(goneText('link-revoked').title).toMatch(/replaced/);
    expect(goneText('conversation-closed').title).toMatch(/ended/);
    expect(goneText(undefined).title).toMatch(/not valid/);
  });
  it('adds a message once', () => {
    const m = { id: '1', from: 'customer' as const, body: 'a', channel: 'secure' as const, createdAt: '' };
    expect(withMessage([m], m)).toHaveLength(1);
    expect(withMessage([], m)).toEqual([m]);
  });
  it('counts the seconds until a time', () => {
    expect(secondsUntil(null, 0)).toBeNull();
    expect(secondsUntil('1970-01-01T00:00:10.000Z', 0)).toBe(10);
    expect(secondsUntil('1970-01-01T00:00:10.000Z', 20_000)).toBe(0);
  });
});
