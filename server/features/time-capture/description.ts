import type { BillableSource } from './model';

const sourceLabel: Record<BillableSource, string> = {
  secure_chat: 'Text messages',
  sms: 'Text messages',
  portal: 'Portal messages',
  email: 'E-mail',
  call: 'Call',
};

const chatSources: ReadonlySet<BillableSource> = new Set(['secure_chat', 'sms', 'portal']);

/** What a description says about an event. */
export interface EventFacts {
  source: BillableSource;
  matterName: string;
  contactName?: string | null;
  /** The timekeeper's texts (chat sources). */
  messageCount?: number;
  startedAt: Date;
  endedAt: Date;
  /** The firm's zone (settings.timeZone): "2:10 PM" reads the same for everyone at the firm, whatever the server's zone. */
  timeZone: string;
}

/**
 * The description of an event, saying what happened and when, e.g. "Text messages with Jane Roe re Roe
 * v. Acme Corp. (3 sent, 2:10–2:18 PM)", "Call with Jane Roe re Roe v. Acme Corp. (9:05–9:17 AM)",
 * "E-mail to Jane Roe re Estate of Smith (4:30 PM)". It never quotes a message.
 */
export function describeEvent(facts: EventFacts): string {
  const preposition = facts.source === 'email' ? 'to' : 'with';
  const who = facts.contactName ? ` ${preposition} ${facts.contactName}` : '';
  const when = clockRange(facts.startedAt, facts.endedAt, facts.timeZone);
  const sent = chatSources.has(facts.source) ? `${facts.messageCount ?? 1} sent, ` : '';
  return `${sourceLabel[facts.source]}${who} re ${facts.matterName} (${sent}${when})`;
}

interface ClockTime {
  time: string;
  period: string;
}

/**
 * One formatter per time zone (at most the few hundred IANA zones): building one costs more than the
 * rest of a text's time capture together (issue 11's profile), and a formatter is immutable.
 */
const clockFormats = new Map<string, Intl.DateTimeFormat>();

function clockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone });
    clockFormats.set(timeZone, format);
  }
  return format;
}

function clockTime(at: Date, timeZone: string): ClockTime {
  const parts = clockFormat(timeZone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { time: `${part('hour')}:${part('minute')}`, period: part('dayPeriod').toUpperCase() };
}

/**
 * "2:10 PM", "2:10–2:18 PM" or "11:55 AM–12:05 PM": the period is written once when both ends share it.
 * Built from parts rather than formatRange, whose spacing (thin and narrow no-break spaces) varies with
 * the ICU version Node ships.
 */
export function clockRange(startedAt: Date, endedAt: Date, timeZone: string): string {
  const start = clockTime(startedAt, timeZone);
  const end = clockTime(endedAt, timeZone);
  if (start.time === end.time && start.period === end.period) return `${start.time} ${start.period}`;
  if (start.period === end.period) return `${start.time}–${end.time} ${end.period}`;
  return `${start.time} ${start.period}–${end.time} ${end.period}`;
}
