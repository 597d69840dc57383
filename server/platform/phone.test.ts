import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, normalizeE164 } from './phone';

describe('normalizeE164', () => {
  it.each([
    ['+12025550143', '+12025550143'],
    ['(202) 555-0143', '+12025550143'],
    ['202-555-0143', '+12025550143'],
    ['202.555.0143', '+12025550143'],
    ['+1 202 555 0143', '+12025550143'],
    [' 1-202-555-0143 ', '+12025550143'],
    ['tel:+12025550143', '+12025550143'],
    ['+44 7911 123456', '+447911123456'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['2025550143', '+12025550143'],
    ['1 (202) 555-0143', '+12025550143'],
    ['tel:+1-202-555-0143', '+12025550143'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %j as %s', (input, e164) => {
    expect(normalizeE164(input)).toBe(e164);
  });

  it('reads numbers without a country code in the given country', () => {
    expect(normalizeE164('07911 123456', 'GB')).toBe('+447911123456');
    expect(normalizeE164('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const once = normalizeE164(s);
        if (once !== null) expect(normalizeE164(once)).toBe(once);
      }),
    );
  });

  it.each([
    '',
    'hello',
    '12345',
    '0143',
    '+1555',
    '+999 123',
    '555-0143',
    '+1 000 000 0000',
    '+999 1234 5678',
    '+12025550143 ext 2',
    '(202) 555-0143 x12',
    'tel:+12025550143;ext=7',
  ])('refuses %j', (input) => {
    expect(normalizeE164(input)).toBeNull();
  });
});

describe('maskPhone', () => {
  it('keeps the start and the last four digits of an E.164 number', () => {
    expect(maskPhone('+12025550143')).toBe('+1202***0143');
    expect(maskPhone('+447911123456')).toBe('+4479***3456');
  });

  it('keeps only the last two digits of a short number', () => {
    expect(maskPhone('12345')).toBe('***45');
  });
});
