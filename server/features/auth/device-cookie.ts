import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Deps } from '../../deps';
import { constantTimeEqual, hmac } from './secrets';
import type { LoginRealm } from './throttle';

// A "known device" cookie (OWASP): proof that this browser once signed in to the account, so the
// account-wide throttle an attacker can trigger from many addresses does not lock its owner out.

/** Name of the known-device cookie per sign-in realm. */
export const DEVICE_COOKIE: Record<LoginRealm, string> = {
  staff: 'parley_device',
  portal: 'parley_portal_device',
};

// Sent only to the sign-in endpoints of its realm.
const DEVICE_COOKIE_PATH: Record<LoginRealm, string> = {
  staff: '/api/v1/auth',
  portal: '/api/v1/portal/auth',
};

const MAX_AGE_SECONDS = 180 * 24 * 3600;

/** The installation-wide key device cookies are signed with (derived from the master key). */
export function deviceCookieKey(deps: Pick<Deps, 'keyring'>): Buffer {
  return deps.keyring.masterSubkey('device-cookie');
}

const signature = (key: Buffer, realm: LoginRealm, account: string, issuedAt: number) =>
  hmac(key, `device:${realm}:${account}:${issuedAt}`);

/** A cookie value "<issuedAtSeconds>.<hmac>" binding this browser to the account (the e-mail). */
export function issueDeviceCookie(key: Buffer, realm: LoginRealm, account: string, now: Date): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return `${issuedAt}.${signature(key, realm, account, issuedAt)}`;
}

/** True when value is a device cookie this installation issued for the account and it is not too old. */
export function isKnownDevice(
  key: Buffer,
  realm: LoginRealm,
  account: string,
  value: string | undefined,
  now: Date,
): boolean {
  const match = value ? /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!match) return false;
  const issuedAt = Number(match[1]);
  const age = now.getTime() / 1000 - issuedAt;
  if (age < -60 || age > MAX_AGE_SECONDS) return false;
  return constantTimeEqual(match[2] as string, signature(key, realm, account, issuedAt));
}

/** Attributes of the device cookie of a realm; Secure when served over https (servedOverHttps). */
export function deviceCookieOptions(realm: LoginRealm, secure: boolean): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: DEVICE_COOKIE_PATH[realm],
    secure,
    maxAge: MAX_AGE_SECONDS,
  };
}
