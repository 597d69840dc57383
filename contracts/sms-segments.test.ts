import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { countSegments, measureSms } from './sms-segments';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const ESCAPED = '^{}\\[~]|€\f';
const NON_GSM_BMP = ['ж', '’', '“', 'ç', '\t', '`', 'À', 'ñ'.normalize('NFD')];
const SIMPLE_EMOJI = ['😀', '👍', '🎉'];

describe('measureSms boundaries', () => {
  it.each([
    ['empty', '', 'GSM-7', 0, 0],
    ['1 GSM char', 'a', 'GSM-7', 1, 1],
    ['160 GSM chars', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['161 GSM chars', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['153*2 GSM chars', 'a'.repeat(153 * 2), 'GSM-7', 306, 2],
    ['153*2+1 GSM chars', 'a'.repeat(153 * 2 + 1), 'GSM-7', 307, 3],
    ['153*3 GSM chars', 'a'.repeat(153 * 3), 'GSM-7', 459, 3],
    ['153*3+1 GSM chars', 'a'.repeat(153 * 3 + 1), 'GSM-7', 460, 4],
    ['1,600 GSM chars (Twilio body limit)', 'a'.repeat(1600), 'GSM-7', 1600, 11],
    ['70 UCS-2 chars', 'ж'.repeat(70), 'UCS-2', 70, 1],
    ['71 UCS-2 chars', 'ж'.repeat(71), 'UCS-2', 71, 2],
    ['67*2 UCS-2 chars', 'ж'.repeat(134), 'UCS-2', 134, 2],
    ['67*2+1 UCS-2 chars', 'ж'.repeat(135), 'UCS-2', 135, 3],
    ['80 escaped chars fill one segment', '{'.repeat(80), 'GSM-7', 160, 1],
    ['81 escaped chars need two', '{'.repeat(81), 'GSM-7', 162, 2],
    ['80 euro signs', '€'.repeat(80), 'GSM-7', 160, 1],
    ['159 GSM chars and one escaped', `${'a'.repeat(159)}^`, 'GSM-7', 161, 2],
    ['35 emoji (2 units each)', '😀'.repeat(35), 'UCS-2', 70, 1],
    ['36 emoji', '😀'.repeat(36), 'UCS-2', 72, 2],
    ['one emoji switches 69 GSM chars to UCS-2', `${'a'.repeat(68)}😀`, 'UCS-2', 70, 1],
    ['one curly quote switches 160 GSM chars to UCS-2', `${'a'.repeat(159)}’`, 'UCS-2', 160, 3],
    ['CR LF count one each', 'a\r\nb', 'GSM-7', 4, 1],
  ] as const)('%s', (_name, body, encoding, units, segments) => {
    const m = measureSms(body);
    expect(m.encoding).toBe(encoding);
    expect(m.units).toBe(units);
    expect(m.segments).toBe(segments);
    expect(countSegments(body)).toBe(segments);
  });

  it('counts every GSM basic character as one septet', () => {
    expect([...GSM_BASIC]).toHaveLength(127);
    for (const c of GSM_BASIC)
      expect(measureSms(c), JSON.stringify(c)).toMatchObject({ encoding: 'GSM-7', units: 1 });
  });

  it('counts each escaped character ^ { } \\ [ ~ ] | € and form feed as two septets', () => {
    for (const c of ESCAPED)
      expect(measureSms(c), JSON.stringify(c)).toMatchObject({ encoding: 'GSM-7', units: 2 });
  });

  it('counts escaped characters as one unit once the text is UCS-2', () => {
    expect(measureSms('{ж}')).toMatchObject({ encoding: 'UCS-2', units: 3 });
  });

  it('switches to UCS-2 for characters outside GSM-7 and names them once each, in order', () => {
    for (const c of NON_GSM_BMP) expect(measureSms(`hello ${c}`).encoding, JSON.stringify(c)).toBe('UCS-2');
    expect(measureSms('It’s “fine”, it’s ok').nonGsmCharacters).toEqual(['’', '“', '”']);
    expect(measureSms('plain text').nonGsmCharacters).toEqual([]);
  });

  it('reports what is left of the last segment', () => {
    expect(measureSms('').remainingInSegment).toBe(160);
    expect(measureSms('a'.repeat(150)).remainingInSegment).toBe(10);
    expect(measureSms('a'.repeat(161)).remainingInSegment).toBe(153 - 8);
    expect(measureSms('ж'.repeat(71)).remainingInSegment).toBe(67 - 4);
  });

  it('never splits an escape sequence across segments', () => {
    // 152 septets, then "{" (2) does not fit the 1 left: it opens segment two with the 9 after it.
    const m = measureSms(`${'a'.repeat(152)}{${'a'.repeat(9)}`);
    expect(m.units).toBe(163);
    expect(m.segments).toBe(2);
    expect(m.remainingInSegment).toBe(153 - 11);
  });

  it('never splits an emoji across segments', () => {
    const m = measureSms(`${'ж'.repeat(66)}😀${'ж'.repeat(10)}`);
    expect(m.segments).toBe(2);
    expect(m.remainingInSegment).toBe(67 - 12);
  });

  it('keeps a joined emoji (family, skin tone, flag) inside one segment like Twilio', () => {
    const family = '👨‍👩‍👧';
    const m = measureSms(`${'ж'.repeat(63)}${family}`);
    expect(m.units).toBe(71);
    expect(m.segments).toBe(2);
    expect(m.remainingInSegment).toBe(67 - 8);
    expect(measureSms('👍🏽'.repeat(17)).segments).toBe(1);
    expect(measureSms('👍🏽'.repeat(18)).segments).toBe(2);
    expect(measureSms('🇺🇸')).toMatchObject({ encoding: 'UCS-2', units: 4, segments: 1 });
  });
});

const mixedChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...GSM_BASIC) },
  { weight: 2, arbitrary: fc.constantFrom(...ESCAPED) },
  { weight: 1, arbitrary: fc.constantFrom(...NON_GSM_BMP.filter((c) => c.length === 1)) },
  { weight: 1, arbitrary: fc.constantFrom(...SIMPLE_EMOJI) },
);
const gsmChar = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...GSM_BASIC) },
  { weight: 1, arbitrary: fc.constantFrom(...ESCAPED) },
);
const text = (char: fc.Arbitrary<string>, maxLength: number) =>
  fc.array(char, { minLength: 1, maxLength }).map((cs) => cs.join(''));

describe('measureSms properties', () => {
  it('agrees with Twilio’s calculator (sms-segments-calculator) on encoding and segments', () => {
    fc.assert(
      fc.property(text(mixedChar, 400), (body) => {
        const twilio = new SegmentedMessage(body, 'auto');
        const ours = measureSms(body);
        expect(ours.encoding).toBe(twilio.encodingName);
        expect(ours.segments).toBe(twilio.segmentsCount);
      }),
      { numRuns: 300 },
    );
  });

  it('never needs fewer segments when text is appended', () => {
    fc.assert(
      fc.property(text(mixedChar, 400), text(mixedChar, 50), (body, more) => {
        expect(countSegments(body + more)).toBeGreaterThanOrEqual(countSegments(body));
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic in length for every prefix of a text', () => {
    fc.assert(
      fc.property(text(mixedChar, 300), (body) => {
        const chars = [...body];
        let previous = 0;
        for (let i = 1; i <= chars.length; i++) {
          const segments = countSegments(chars.slice(0, i).join(''));
          expect(segments).toBeGreaterThanOrEqual(previous);
          previous = segments;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('uses ceil(septets / 153) segments for long GSM texts, wasting at most one septet per segment', () => {
    fc.assert(
      fc.property(text(gsmChar, 700), (body) => {
        const m = measureSms(body);
        expect(m.encoding).toBe('GSM-7');
        if (m.units <= 160) {
          expect(m.segments).toBe(1);
        } else {
          expect(m.segments).toBeGreaterThanOrEqual(Math.ceil(m.units / 153));
          expect(m.segments).toBeLessThanOrEqual(Math.ceil(m.units / 152));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('uses exactly ceil(length / 67) segments for long texts of one-unit UCS-2 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1600 }), (n) => {
        const expected = n <= 70 ? 1 : Math.ceil(n / 67);
        expect(countSegments('ж'.repeat(n))).toBe(expected);
      }),
    );
  });
});
