import { describe, expect, it } from 'vitest';
import { placeLabel, zipCodeOf } from './geocoder';

describe('zipCodeOf', () => {
  it('takes the ZIP code at the end of an address', () => {
    expect(zipCodeOf('12 Main St, Boston, MA 02110')).toBe('02110');
  });

  it('takes the five digits of a ZIP+4', () => {
    expect(zipCodeOf('12 Main St, Boston, MA 02110-1234')).toBe('02110');
  });

  it('prefers the last five-digit group over a house number of five digits', () => {
    expect(zipCodeOf('10001 Elm Rd, Springfield, IL 62704')).toBe('62704');
  });

  it('ignores longer runs of digits', () => {
    expect(zipCodeOf('Call 6175550100')).toBeNull();
  });

  it('answers null without a ZIP code', () => {
    expect(zipCodeOf('12 Main St, Boston')).toBeNull();
    expect(zipCodeOf('')).toBeNull();
  });
});

describe('placeLabel', () => {
  it('names city, state and ZIP code on one line', () => {
    expect(placeLabel({ city: 'Boston', state: 'MA', postalCode: '02110' })).toBe('Boston, MA 02110');
  });
});
