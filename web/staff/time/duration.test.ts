import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationInput, parseDuration } from './duration';

describe('typed durations', () => {
  it('read minutes and seconds as a clock', () => {
    expect(parseDuration('12:30')).toBe(750);
    expect(parseDuration('0:45')).toBe(45);
    expect(parseDuration('1:05:00')).toBe(3900);
    expect(parseDuration(' 90:00 ')).toBe(5400);
  });

  it('read units, alone or combined', () => {
    expect(parseDuration('12m 30s')).toBe(750);
    expect(parseDuration('12m30s')).toBe(750);
    expect(parseDuration('1h 15m')).toBe(4500);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('12 min')).toBe(720);
    expect(parseDuration('1 hour, 5 minutes')).toBe(3900);
    expect(parseDuration('2 H 3 M')).toBe(7380);
  });

  it('read hours in tenths and bare numbers as minutes', () => {
    expect(parseDuration('0.3h')).toBe(1080);
    expect(parseDuration('.3 h')).toBe(1080);
    expect(parseDuration('1.5 hours')).toBe(5400);
    expect(parseDuration('12')).toBe(720);
    expect(parseDuration('12.5')).toBe(750);
  });

  it('refuse what is not a positive duration', () => {
    for (const bad of [
      '',
      '  ',
      'soon',
      '12:60',
      '1:60:00',
      '0',
      '0:00',
      '0h',
      '12x',
      'm',
      '1h x',
      '-5',
      '5 5',
    ])
      expect(parseDuration(bad), bad).toBeNull();
  });

  it('shows a duration in a form it reads back', () => {
    expect(durationInput(750)).toBe('12:30');
    expect(durationInput(45)).toBe('0:45');
    expect(durationInput(3900)).toBe('1:05:00');
    fc.assert(fc.property(fc.integer({ min: 1, max: 86_400 }), (s) => parseDuration(durationInput(s)) === s));
  });
});
