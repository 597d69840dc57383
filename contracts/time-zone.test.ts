import { describe, expect, it } from 'vitest';
import {
  dayInZone,
  formatInZone,
  isTimeZone,
  startOfDayInZone,
  wallTimeInZone,
  zoneAbbreviation,
} from './time-zone';

describe('time zones', () => {
  it('accepts IANA names and refuses offsets, blanks and unknown names', () => {
    for (const name of ['America/New_York', 'Europe/Paris', 'UTC', 'America/Argentina/Buenos_Aires'])
      expect(isTimeZone(name), name).toBe(true);
    for (const name of ['', '+02:00', 'Mars/Olympus_Mons', 'America/New York', '../etc', 'Europe/'])
      expect(isTimeZone(name), name).toBe(false);
  });

  it('writes the day an instant falls on in the zone, not in UTC', () => {
    const lateEvening = new Date('2026-03-03T02:30:00Z'); // 9:30 PM on March 2 in New York
    expect(dayInZone(lateEvening, 'America/New_York')).toBe('2026-03-02');
    expect(dayInZone(lateEvening, 'UTC')).toBe('2026-03-03');
    expect(dayInZone(new Date('2026-03-02T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-03');
  });

  it('names the zone at the instant, with daylight saving', () => {
    expect(zoneAbbreviation(new Date('2026-01-15T12:00:00Z'), 'America/New_York')).toBe('EST');
    expect(zoneAbbreviation(new Date('2026-07-15T12:00:00Z'), 'America/New_York')).toBe('EDT');
    expect(zoneAbbreviation(new Date('2026-07-15T12:00:00Z'), 'UTC')).toBe('UTC');
  });

  it('writes a moment with its zone, in plain spaces', () => {
    const at = new Date('2026-03-08T12:00:00Z'); // New York switched to daylight saving at 7:00 UTC
    expect(formatInZone(at, 'America/New_York')).toBe('Sun, Mar 8, 2026, 8:00 AM EDT');
    expect(formatInZone(at, 'UTC')).toBe('Sun, Mar 8, 2026, 12:00 PM UTC');
  });

  it('finds when a day begins in the zone, across daylight saving changes', () => {
    expect(startOfDayInZone('2026-03-02', 'America/New_York').toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(startOfDayInZone('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    // March 8, 2026 begins in standard time; March 9 in daylight saving time.
    expect(startOfDayInZone('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDayInZone('2026-03-08', 'America/New_York', 1).toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    expect(startOfDayInZone('2026-03-02', 'Asia/Tokyo').toISOString()).toBe('2026-03-01T15:00:00.000Z');
    expect(startOfDayInZone('2026-12-31', 'UTC', 1).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('finds the instant a wall-clock time shows in the zone, across daylight saving changes', () => {
    expect(wallTimeInZone('2026-03-02', '09:30', 'America/New_York').toISOString()).toBe(
      '2026-03-02T14:30:00.000Z',
    );
    expect(wallTimeInZone('2026-07-01', '09:30', 'America/New_York').toISOString()).toBe(
      '2026-07-01T13:30:00.000Z',
    );
    // 03:00 on March 8, 2026 is daylight saving time in New York, 01:00 is not.
    expect(wallTimeInZone('2026-03-08', '01:00', 'America/New_York').toISOString()).toBe(
      '2026-03-08T06:00:00.000Z',
    );
    expect(wallTimeInZone('2026-03-08', '03:00', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(wallTimeInZone('2026-03-01', '23:45', 'America/New_York', 1).toISOString()).toBe(
      '2026-03-03T04:45:00.000Z',
    );
    expect(wallTimeInZone('2026-03-02', '08:00', 'Asia/Kolkata').toISOString()).toBe(
      '2026-03-02T02:30:00.000Z',
    );
  });
});
