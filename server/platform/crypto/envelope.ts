import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// Envelope encryption: master key → firm key → conversation key, all AES-256-GCM.
// Every ciphertext is bound to what it protects through the additional authenticated data (aad),
// so a ciphertext copied into another row or firm fails to decrypt.

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** Raised when a ciphertext was tampered with, is malformed, or the key is wrong. */
export class DecryptionError extends Error {
  constructor() {
    super('ciphertext could not be decrypted');
    this.name = 'DecryptionError';
  }
}

/** A fresh random 256-bit key. */
export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`key must be ${KEY_BYTES} bytes`);
}

/** Encrypts bytes or text under key, bound to aad; returns "v1.<base64 iv|ciphertext|tag>". */
export function seal(key: Buffer, plaintext: Buffer | string, aad: string): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')}`;
}

/** Decrypts what seal produced with the same key and aad; throws DecryptionError otherwise. */
export function open(key: Buffer, sealed: string, aad: string): Buffer {
  assertKey(key);
  const [version, encoded] = sealed.split('.', 2);
  if (version !== VERSION || !encoded) throw new DecryptionError();
  const raw = Buffer.from(encoded, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError();
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

/** Decrypts to a UTF-8 string. */
export function openText(key: Buffer, sealed: string, aad: string): string {
  return open(key, sealed, aad).toString('utf8');
}

/** Wraps a data key under a key-encryption key. */
export function wrapKey(kek: Buffer, key: Buffer, aad: string): string {
  assertKey(key);
  return seal(kek, key, aad);
}

/** Unwraps a data key; throws DecryptionError on a wrong kek or tampering. */
export function unwrapKey(kek: Buffer, wrapped: string, aad: string): Buffer {
  const key = open(kek, wrapped, aad);
  if (key.length !== KEY_BYTES) throw new DecryptionError();
  return key;
}

/** Derives a purpose-specific subkey (HKDF-SHA256), so one key never serves two purposes. */
export function deriveKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `parley/${purpose}`, KEY_BYTES));
}

/** Keyed hash of a normalised value for equality search over encrypted data (blind index). */
export function blindIndex(indexKey: Buffer, value: string): string {
  return createHmac('sha256', indexKey).update(value.normalize('NFKC').toLowerCase()).digest('base64url');
}

/** Parses PARLEY_MASTER_KEY (base64 of 32 bytes). */
export function parseMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  assertKey(key);
  return key;
}
