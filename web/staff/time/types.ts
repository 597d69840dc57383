/** A billable event as `GET /api/v1/billable-events` returns it. */
export interface BillableEvent {
  id: string;
  userId: string;
  matterId: string;
  conversationId: string | null;
  /** The thread it was captured in; null for calls, e-mails and deleted threads. */
  thread: {
    id: string;
    kind: string;
    status: string;
    matterId: string | null;
    contactId: string | null;
  } | null;
  source: 'secure_chat' | 'sms' | 'portal' | 'email' | 'call';
  status: 'open' | 'converted' | 'dismissed';
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  messageCount: number;
  description: string;
  edited: boolean;
  timeEntryId: string | null;
  matter: { id: string; number: string; name: string } | null;
  timekeeper: { id: string; name: string } | null;
  abilities: { edit: boolean; dismiss: boolean; restore: boolean; convert: boolean };
}

/** A time entry as the API returns it. */
export interface TimeEntry {
  id: string;
  billableEventId: string;
  userId: string;
  matterId: string;
  source: BillableEvent['source'];
  date: string;
  hours: number;
  rate: number;
  amount: number;
  narrative: string;
  matter: { id: string; number: string; name: string } | null;
  timekeeper: { id: string; name: string } | null;
  billedMinutes: number;
  exportedAt: string | null;
  abilities: { edit: boolean; delete: boolean };
}

export interface Timekeeper {
  id: string;
  name: string;
  rateCents: number | null;
}

export interface MatterOption {
  id: string;
  number: string;
  name: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What the dashboard filters by; dates are local calendar days (YYYY-MM-DD) or empty. */
export interface EventFilters {
  status: 'open' | 'dismissed' | 'converted' | 'all';
  userId: string | null;
  matterId: string | null;
  from: string;
  to: string;
}
