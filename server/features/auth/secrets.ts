import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): session secrets, CSRF tokens, API token secrets. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a secret: what the database stores instead of the secret itself. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** HMAC-SHA256 of a message, base64url. */
export function hmac(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url');
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Splits "<firmId><separator><secret>" (cookies and API tokens); null when malformed. */
export function splitFirmSecret(value: string, separator: string): { firmId: string; secret: string } | null {
  const firmId = value.slice(0, 36);
  const secret = value.slice(37);
  if (value[36] !== separator || !UUID_PATTERN.test(firmId) || !SECRET_PATTERN.test(secret)) return null;
  return { firmId, secret };
}
