import { describe, expect, it } from 'vitest';
import {
  burnsOnNextWrong,
  chooseChannel,
  codeWaitSeconds,
  type InviteState,
  inviteStatus,
  isCodeShape,
  phoneHint,
} from './secure-invite-model';

const now = new Date('2026-12-01T12:00:00Z');
const later = (s: number) => new Date(now.getTime() + s * 1000);
const base: InviteState = {
  expiresAt: later(3600),
  verifiedAt: null,
  revokedAt: null,
  burntAt: null,
  codeSentAt: null,
  codesSent: 0,
  wrongCodes: 0,
};

describe('inviteStatus', () => {
  it('is invited until it expires, accepted once verified (which no longer expires)', () => {
    expect(inviteStatus(base, now)).toBe('invited');
    expect(inviteStatus(base, later(3600))).toBe('expired');
    expect(inviteStatus({ ...base, verifiedAt: now }, later(7200))).toBe('accepted');
  });
  it('revoked and burnt win over everything else', () => {
    expect(inviteStatus({ ...base, verifiedAt: now, revokedAt: now }, now)).toBe('revoked');
    expect(inviteStatus({ ...base, burntAt: now }, later(7200))).toBe('burnt');
    expect(inviteStatus({ ...base, burntAt: now, revokedAt: now }, now)).toBe('revoked');
  });
});

describe('codeWaitSeconds', () => {
  it('allows a first code at once, the next a minute after the last, none after five', () => {
    expect(codeWaitSeconds(base, now)).toBe(0);
    const sent = { ...base, codeSentAt: now, codesSent: 1 };
    expect(codeWaitSeconds(sent, later(1))).toBe(59);
    expect(codeWaitSeconds(sent, later(60))).toBe(0);
    expect(codeWaitSeconds(sent, later(600))).toBe(0);
    expect(codeWaitSeconds({ ...sent, codesSent: 5 }, later(600))).toBeNull();
  });
});

describe('burnsOnNextWrong', () => {
  it('burns at the fifth wrong code', () => {
    expect(burnsOnNextWrong({ wrongCodes: 0 })).toBe(false);
    expect(burnsOnNextWrong({ wrongCodes: 3 })).toBe(false);
    expect(burnsOnNextWrong({ wrongCodes: 4 })).toBe(true);
  });
});

describe('chooseChannel', () => {
  const publicMessage = { visibility: 'public' as const, kind: 'message' as const };
  it('defaults to the secure chat once joined, else to a text', () => {
    expect(chooseChannel({ ...publicMessage, requested: undefined, joined: true })).toEqual({
      channel: 'secure',
    });
    expect(chooseChannel({ ...publicMessage, requested: undefined, joined: false })).toEqual({
      channel: 'sms',
    });
  });
  it('follows the agent’s choice, refusing the secure chat before the customer joined', () => {
    expect(chooseChannel({ ...publicMessage, requested: 'sms', joined: true })).toEqual({ channel: 'sms' });
    expect(chooseChannel({ ...publicMessage, requested: 'secure', joined: true })).toEqual({
      channel: 'secure',
    });
    expect(chooseChannel({ ...publicMessage, requested: 'secure', joined: false })).toEqual({
      refusal: 'secure-chat-not-joined',
    });
  });
  it('refuses an unknown channel and gives notes and status lines none', () => {
    expect(chooseChannel({ ...publicMessage, requested: 'email', joined: true })).toEqual({
      refusal: 'invalid-channel',
    });
    expect(
      chooseChannel({ visibility: 'note', kind: 'message', requested: 'secure', joined: false }),
    ).toEqual({
      channel: null,
    });
    expect(
      chooseChannel({ visibility: 'public', kind: 'status', requested: undefined, joined: true }),
    ).toEqual({
      channel: null,
    });
  });
});

describe('codes and hints', () => {
  it('accepts six digits only and shows the last four digits of the number', () => {
    expect(isCodeShape('012345')).toBe(true);
    expect(isCodeShape('12345')).toBe(false);
    expect(isCodeShape('12345a')).toBe(false);
    expect(phoneHint('+14155550123')).toBe('••••\u00a00123');
  });
});
