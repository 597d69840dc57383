import type { BillableEventOut as BillableEvent } from '../../../contracts/time-capture';

/** What the dashboard filters by; dates are local calendar days (YYYY-MM-DD) or empty. */
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

/** The local calendar day (YYYY-MM-DD) of an ISO time. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Events of one local day with their total duration. */
export interface DayGroup {
  day: string;
  events: BillableEvent[];
  totalSeconds: number;
}

/** Groups events (already newest first) by local day, keeping their order, with each day's total. */
export function groupByDay(events: readonly BillableEvent[]): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const e of events) {
    const day = localDay(e.startedAt);
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

/** The start of a local day as an ISO time (for the API's from/to). */
function localMidnight(day: string, plusDays = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays);
}

/** The query string of the events list for these filters; the date range covers whole local days. */
export function eventsQuery(filters: EventFilters, limit = 100): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (filters.status !== 'all') q.set('status', filters.status);
  if (filters.userId) q.set('userId', filters.userId);
  if (filters.matterId) q.set('matterId', filters.matterId);
  if (filters.from) q.set('from', localMidnight(filters.from).toISOString());
  if (filters.to) q.set('to', new Date(localMidnight(filters.to, 1).getTime() - 1).toISOString());
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
