import type { BillableEventOut as BillableEvent } from '../../../contracts/time-capture';
import { dayInZone, startOfDayInZone } from '../../../contracts/time-zone';

/** What the dashboard filters by; dates are calendar days of the firm's zone (YYYY-MM-DD) or empty. */
export interface EventFilters {
  status: 'open' | 'dismissed' | 'converted' | 'all';
  userId: string | null;
  matterId: string | null;
  from: string;
  to: string;
}

/** A duration for people: "45 s", "12 min 30 s", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', s && !h ? `${s} s` : ''];
  return parts.filter(Boolean).join(' ');
}

/** Hours as billed: "0.1 h", "1.25 h". */
export function formatHours(hours: number): string {
  return `${hours} h`;
}

/** Money in dollars: "$27.55". */
export function formatMoney(amount: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);
}

/** The firm's calendar day (YYYY-MM-DD) of an ISO time: the day its work belongs to, as the server dates entries. */
export function firmDay(iso: string, timeZone: string): string {
  return dayInZone(new Date(iso), timeZone);
}

/** Events of one day of the firm with their total duration. */
export interface DayGroup {
  day: string;
  events: BillableEvent[];
  totalSeconds: number;
}

/**
 * Groups events (already newest first) by the firm's day (its time zone, not the browser's), keeping
 * their order, with each day's total: a day here is the work date the event converts to.
 */
export function groupByDay(events: readonly BillableEvent[], timeZone: string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const e of events) {
    const day = firmDay(e.startedAt, timeZone);
    let group = groups[groups.length - 1];
    if (!group || group.day !== day) {
      group = { day, events: [], totalSeconds: 0 };
      groups.push(group);
    }
    group.events.push(e);
    group.totalSeconds += e.durationSeconds;
  }
  return groups;
}

/** The query string of the events list for these filters; the date range covers whole days of the firm's zone. */
export function eventsQuery(filters: EventFilters, timeZone: string, limit = 100): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (filters.status !== 'all') q.set('status', filters.status);
  if (filters.userId) q.set('userId', filters.userId);
  if (filters.matterId) q.set('matterId', filters.matterId);
  if (filters.from) q.set('from', startOfDayInZone(filters.from, timeZone).toISOString());
  if (filters.to)
    q.set('to', new Date(startOfDayInZone(filters.to, timeZone, 1).getTime() - 1).toISOString());
  return q.toString();
}

/** The sum of durations, for the selection summary. */
export function totalSeconds(events: readonly BillableEvent[]): number {
  return events.reduce((sum, e) => sum + e.durationSeconds, 0);
}

export const sourceLabels: Record<BillableEvent['source'], string> = {
  secure_chat: 'Secure chat',
  sms: 'Text',
  portal: 'Portal',
  email: 'E-mail',
  call: 'Call',
};
