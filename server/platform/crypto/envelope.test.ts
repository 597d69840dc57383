import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blindIndex,
  DecryptionError,
  deriveKey,
  generateKey,
  KEY_BYTES,
  open,
  openText,
  parseMasterKey,
  seal,
  unwrapKey,
  wrapKey,
} from './envelope';

/** The decoded "iv | ciphertext | tag" of a sealed value, and a way to re-encode it. */
function rawOf(sealed: string): Buffer {
  return Buffer.from(sealed.split('.')[1] as string, 'base64');
}
const encode = (raw: Buffer) => `v1.${raw.toString('base64')}`;
function flipByte(sealed: string, index: number): string {
  const raw = rawOf(sealed);
  const i = index < 0 ? raw.length + index : index;
  raw[i] = (raw[i] as number) ^ 0x01;
  return encode(raw);
}

describe('seal and open', () => {
  const key = generateKey();

  it('round-trips text and bytes, including empty input', () => {
    expect(openText(key, seal(key, 'Privileged: settlement offer $40k', 'msg:1'), 'msg:1')).toBe(
      'Privileged: settlement offer $40k',
    );
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(open(key, seal(key, bytes, 'att:1'), 'att:1').equals(bytes)).toBe(true);
    expect(openText(key, seal(key, '', 'x'), 'x')).toBe('');
  });

  it('uses a fresh iv each time, so equal plaintexts give different ciphertexts', () => {
    expect(seal(key, 'same', 'a')).not.toBe(seal(key, 'same', 'a'));
  });

  it('rejects a tampered iv, ciphertext or tag', () => {
    const sealed = seal(key, 'hello world', 'aad');
    expect(() => open(key, flipByte(sealed, 0), 'aad')).toThrow(DecryptionError); // iv
    expect(() => open(key, flipByte(sealed, 12), 'aad')).toThrow(DecryptionError); // ciphertext
    expect(() => open(key, flipByte(sealed, -1), 'aad')).toThrow(DecryptionError); // tag
  });

  it('rejects a truncated, malformed or unknown-version value', () => {
    const sealed = seal(key, 'hello', 'aad');
    expect(() => open(key, encode(rawOf(sealed).subarray(0, 27)), 'aad')).toThrow(DecryptionError);
    expect(() => open(key, sealed.replace('v1.', 'v2.'), 'aad')).toThrow(DecryptionError);
    expect(() => open(key, 'not sealed at all', 'aad')).toThrow(DecryptionError);
    expect(() => open(key, 'v1.', 'aad')).toThrow(DecryptionError);
  });

  it('rejects the wrong key', () => {
    expect(() => open(generateKey(), seal(key, 'hello', 'aad'), 'aad')).toThrow(DecryptionError);
  });

  it('rejects a ciphertext moved to another row or firm (different aad)', () => {
    const sealed = seal(key, 'hello', 'message:firm-a:row-1');
    expect(() => open(key, sealed, 'message:firm-a:row-2')).toThrow(DecryptionError);
    expect(() => open(key, sealed, 'message:firm-b:row-1')).toThrow(DecryptionError);
  });

  it('refuses keys that are not 256 bits', () => {
    expect(() => seal(Buffer.alloc(16), 'x', 'a')).toThrow(/32 bytes/);
    expect(() => open(Buffer.alloc(31), 'v1.AAAA', 'a')).toThrow(/32 bytes/);
  });
});

describe('seal and open (properties)', () => {
  const key = generateKey();
  const bytes = fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a));

  it('open(seal(x)) is x for any bytes and aad', () => {
    fc.assert(
      fc.property(bytes, fc.string(), (plain, aad) => {
        expect(open(key, seal(key, plain, aad), aad).equals(plain)).toBe(true);
      }),
    );
  });

  it('any single flipped bit is detected', () => {
    fc.assert(
      fc.property(bytes, fc.nat(), fc.integer({ min: 0, max: 7 }), (plain, at, bit) => {
        const raw = rawOf(seal(key, plain, 'aad'));
        const i = at % raw.length;
        raw[i] = (raw[i] as number) ^ (1 << bit);
        expect(() => open(key, encode(raw), 'aad')).toThrow(DecryptionError);
      }),
    );
  });

  it('any other aad is rejected', () => {
    fc.assert(
      fc.property(bytes, fc.string(), fc.string(), (plain, aad, other) => {
        fc.pre(aad !== other);
        expect(() => open(key, seal(key, plain, aad), other)).toThrow(DecryptionError);
      }),
    );
  });
});

describe('key wrapping', () => {
  it('unwraps with the same key-encryption key and aad only', () => {
    const kek = generateKey();
    const dataKey = generateKey();
    const wrapped = wrapKey(kek, dataKey, 'firm-key:a');
    expect(unwrapKey(kek, wrapped, 'firm-key:a').equals(dataKey)).toBe(true);
    expect(() => unwrapKey(generateKey(), wrapped, 'firm-key:a')).toThrow(DecryptionError);
    expect(() => unwrapKey(kek, wrapped, 'firm-key:b')).toThrow(DecryptionError);
  });

  it('refuses to unwrap something that is not a 256-bit key', () => {
    const kek = generateKey();
    expect(() => unwrapKey(kek, seal(kek, Buffer.alloc(16), 'k'), 'k')).toThrow(DecryptionError);
    expect(() => wrapKey(kek, Buffer.alloc(16), 'k')).toThrow(/32 bytes/);
  });
});

describe('derived keys and the blind index', () => {
  const key = generateKey();

  it('derives a stable, distinct 256-bit key per purpose', () => {
    expect(deriveKey(key, 'blind-index').equals(deriveKey(key, 'blind-index'))).toBe(true);
    expect(deriveKey(key, 'blind-index').equals(deriveKey(key, 'other'))).toBe(false);
    expect(deriveKey(key, 'blind-index')).toHaveLength(KEY_BYTES);
  });

  it('is deterministic per key, ignores case and Unicode form, and differs across keys', () => {
    const indexKey = deriveKey(key, 'blind-index');
    expect(blindIndex(indexKey, 'Settlement')).toBe(blindIndex(indexKey, 'settlement'));
    expect(blindIndex(indexKey, 'ﬁle')).toBe(blindIndex(indexKey, 'file'));
    expect(blindIndex(indexKey, 'settlement')).not.toBe(blindIndex(indexKey, 'settlements'));
    expect(blindIndex(deriveKey(generateKey(), 'blind-index'), 'settlement')).not.toBe(
      blindIndex(indexKey, 'settlement'),
    );
  });
});

describe('parseMasterKey', () => {
  it('accepts 32 bytes of base64 and rejects any other length', () => {
    const key = generateKey();
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseMasterKey(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
