// The firm's time zone: an IANA name (e.g. "America/New_York") in which firm-day things are written
// (billable event descriptions, work dates of time entries, export dates) on the server and shown
// in the web app. Pure; no I/O.

/** The zone a firm works in until an administrator picks one (the demo firm's). */
export const DEFAULT_TIME_ZONE = 'America/New_York';

/**
 * Whether `name` is an IANA time zone this runtime knows (Intl decides): "Europe/Paris" and "UTC"
 * are; offsets ("+02:00"), abbreviations ("EST" aside, which IANA keeps) and unknown names are not.
 */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day ("YYYY-MM-DD") an instant falls on in the zone. */
export function dayInZone(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The zone's short name at that instant ("EST", "EDT", "GMT+1"), to label times written in it. */
export function zoneAbbreviation(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/**
 * A moment as people at the firm read it, with the zone named: "Sun, Mar 8, 2026, 8:00 AM EDT".
 * ICU's narrow no-break spaces become plain spaces, so the text is the same on every Node version.
 */
export function formatInZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  })
    .format(at)
    .replace(/[\u202f\u00a0]/g, ' ');
}

/** Minutes the zone is ahead of UTC at that instant (New York in winter: -300). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a calendar day ("YYYY-MM-DD", plus `plusDays`) begins in the zone: what "from that day"
 * means at the firm, whatever the browser's or server's zone. Daylight saving days are handled.
 */
export function startOfDayInZone(day: string, timeZone: string, plusDays = 0): Date {
  return wallTimeInZone(day, '00:00', timeZone, plusDays);
}

/**
 * The instant the zone's clocks show `hhmm` on a calendar day ("YYYY-MM-DD", plus `plusDays`): 09:30
 * at the firm on that day. A time that a change of time skips falls an hour later.
 */
export function wallTimeInZone(day: string, hhmm: string, timeZone: string, plusDays = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [h, min] = hhmm.split(':').map(Number) as [number, number];
  const wallAsUtc = Date.UTC(y, m - 1, d + plusDays, h, min);
  let at = wallAsUtc - offsetMinutes(new Date(wallAsUtc), timeZone) * 60_000;
  // The offset at the guess may differ from the offset at the answer across a change of time.
  at = wallAsUtc - offsetMinutes(new Date(at), timeZone) * 60_000;
  return new Date(at);
}
