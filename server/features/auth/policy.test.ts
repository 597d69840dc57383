import { describe, expect, it } from 'vitest';
import { isKnownDevice, issueDeviceCookie } from './device-cookie';
import {
  afterFailure,
  isApiPath,
  isPortalPath,
  loginRetryAfter,
  needsCsrf,
  scopesCountingFailure,
  secondsBlocked,
  sessionExpiry,
  sessionIsLive,
  shouldTouch,
  type ThrottleCounter,
  type ThrottleRule,
  throttleRules,
} from './policy';

const t0 = new Date('2026-03-01T12:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function failTimes(rule: ThrottleRule, n: number, now = t0): ThrottleCounter | null {
  let c: ThrottleCounter | null = null;
  for (let i = 0; i < n; i++) c = afterFailure(rule, c, now);
  return c;
}

describe('exponential backoff per account and address', () => {
  const rule = throttleRules.accountAddress;

  it('lets the first four failures through without waiting', () => {
    for (let n = 1; n <= 4; n++) expect(secondsBlocked(failTimes(rule, n), t0)).toBe(0);
  });

  it('blocks from the fifth failure on, doubling the wait each time', () => {
    expect(secondsBlocked(failTimes(rule, 5), t0)).toBe(2);
    expect(secondsBlocked(failTimes(rule, 6), t0)).toBe(4);
    expect(secondsBlocked(failTimes(rule, 7), t0)).toBe(8);
    expect(secondsBlocked(failTimes(rule, 10), t0)).toBe(64);
  });

  it('never waits longer than fifteen minutes', () => {
    expect(secondsBlocked(failTimes(rule, 30), t0)).toBe(15 * 60);
  });

  it('unblocks once the wait has passed', () => {
    const c = failTimes(rule, 5);
    expect(secondsBlocked(c, at(1))).toBe(1);
    expect(secondsBlocked(c, at(2))).toBe(0);
  });

  it('starts counting again after the window', () => {
    const c = failTimes(rule, 4);
    const later = afterFailure(rule, c, at(rule.windowSeconds));
    expect(later).toEqual({ failures: 1, windowStartedAt: at(rule.windowSeconds), blockedUntil: null });
  });
});

describe('ceilings per address and per account', () => {
  it('blocks an address after 50 failures until its window ends', () => {
    const rule = throttleRules.address;
    expect(secondsBlocked(failTimes(rule, 49), t0)).toBe(0);
    const c = afterFailure(rule, failTimes(rule, 49), at(60));
    expect(secondsBlocked(c, at(60))).toBe(rule.windowSeconds - 60);
  });

  it('allows an account more failures than one address and account pair', () => {
    const rule = throttleRules.account;
    expect(rule.freeFailures).toBeGreaterThan(throttleRules.accountAddress.freeFailures);
    expect(secondsBlocked(failTimes(rule, rule.freeFailures - 1), t0)).toBe(0);
    expect(secondsBlocked(failTimes(rule, rule.freeFailures), t0)).toBe(rule.windowSeconds);
  });
});

describe('loginRetryAfter', () => {
  const blockedAccount = failTimes(throttleRules.account, 20);
  const none = { accountAddress: null, address: null, account: null };

  it('lets a clean attempt through', () => {
    expect(loginRetryAfter(none, false, t0)).toBe(0);
  });

  it('holds unknown devices back when the account is under attack', () => {
    expect(loginRetryAfter({ ...none, account: blockedAccount }, false, t0)).toBe(15 * 60);
  });

  it('lets a known device of the account through the account-wide block', () => {
    expect(loginRetryAfter({ ...none, account: blockedAccount }, true, t0)).toBe(0);
  });

  it('still applies the address limits to known devices', () => {
    const blockedPair = failTimes(throttleRules.accountAddress, 6);
    expect(loginRetryAfter({ ...none, accountAddress: blockedPair }, true, t0)).toBe(4);
    const blockedAddress = failTimes(throttleRules.address, 50);
    expect(loginRetryAfter({ ...none, address: blockedAddress }, true, t0)).toBe(15 * 60);
  });

  it('answers the longest of the waits', () => {
    const pair = failTimes(throttleRules.accountAddress, 5);
    expect(loginRetryAfter({ ...none, accountAddress: pair, account: blockedAccount }, false, t0)).toBe(900);
  });

  it('counts failures of known devices only against the address counters', () => {
    expect(scopesCountingFailure(true)).toEqual(['accountAddress', 'address']);
    expect(scopesCountingFailure(false)).toEqual(['accountAddress', 'address', 'account']);
  });
});

describe('session lifetime', () => {
  const limits = { idleMinutes: 30, maxHours: 2 };
  const session = { lastSeenAt: t0, expiresAt: sessionExpiry(limits, t0) };

  it('ends the absolute lifetime maxHours after sign-in', () => {
    expect(session.expiresAt).toEqual(at(2 * 3600));
  });

  it('is live while used within the idle limit and before its end', () => {
    expect(sessionIsLive(session, limits, at(29 * 60))).toBe(true);
  });

  it('ends after idleMinutes without use', () => {
    expect(sessionIsLive(session, limits, at(30 * 60))).toBe(false);
  });

  it('ends at its absolute end however recently used', () => {
    expect(sessionIsLive({ ...session, lastSeenAt: at(2 * 3600 - 1) }, limits, at(2 * 3600))).toBe(false);
  });

  it('refreshes last-seen at most once a minute', () => {
    expect(shouldTouch(t0, at(59))).toBe(false);
    expect(shouldTouch(t0, at(60))).toBe(true);
  });
});

describe('CSRF and portal routing', () => {
  it('needs a token on every cookie-signed write except sign-in', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(needsCsrf(method, '/api/v1/conversations')).toBe(true);
    expect(needsCsrf('POST', '/api/v1/auth/logout')).toBe(true);
    expect(needsCsrf('POST', '/api/v1/auth/login')).toBe(false);
    expect(needsCsrf('POST', '/api/v1/portal/auth/login')).toBe(false);
    expect(needsCsrf('POST', undefined)).toBe(true);
  });

  it('needs none on reads', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(needsCsrf(method, '/api/v1/me')).toBe(false);
  });

  it('signs in on the JSON API and the development tools only', () => {
    expect(isApiPath('/api/v1/me')).toBe(true);
    expect(isApiPath('/dev/sms/inbound')).toBe(true);
    expect(isApiPath('/dev/mail')).toBe(true);
    expect(isApiPath('/webhooks/sms/twilio')).toBe(false);
    expect(isApiPath('/developer')).toBe(false);
  });

  it('recognises portal paths', () => {
    expect(isPortalPath('/api/v1/portal/me')).toBe(true);
    expect(isPortalPath('/api/v1/me')).toBe(false);
    expect(isPortalPath('/api/v1/portalx')).toBe(false);
  });
});

describe('known-device cookie', () => {
  const key = Buffer.alloc(32, 1);
  const value = issueDeviceCookie(key, 'staff', 'a@example.com', t0);

  it('is recognised for the account it was issued for', () => {
    expect(isKnownDevice(key, 'staff', 'a@example.com', value, at(3600))).toBe(true);
  });

  it('is not recognised for another account, realm or key', () => {
    expect(isKnownDevice(key, 'staff', 'b@example.com', value, t0)).toBe(false);
    expect(isKnownDevice(key, 'portal', 'a@example.com', value, t0)).toBe(false);
    expect(isKnownDevice(Buffer.alloc(32, 2), 'staff', 'a@example.com', value, t0)).toBe(false);
  });

  it('rejects tampered, missing and expired cookies', () => {
    const [issued, mac] = value.split('.') as [string, string];
    expect(isKnownDevice(key, 'staff', 'a@example.com', `${Number(issued) + 1}.${mac}`, t0)).toBe(false);
    expect(isKnownDevice(key, 'staff', 'a@example.com', 'garbage', t0)).toBe(false);
    expect(isKnownDevice(key, 'staff', 'a@example.com', undefined, t0)).toBe(false);
    expect(isKnownDevice(key, 'staff', 'a@example.com', value, at(181 * 24 * 3600))).toBe(false);
  });
});
