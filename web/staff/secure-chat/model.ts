import type { InfiniteData } from '@tanstack/react-query';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { DeliveryOut, MessageOut } from '../../../contracts/conversations';
import type { Page } from '../../../contracts/page';
import type { ConsentStatus } from '../../../contracts/sms-consent';
import { measureSms } from '../../../contracts/sms-segments';

/** A message as the chat holds it: as the API answers it, plus the state of an optimistic send. */
export type Message = MessageOut & {
  /** Sent optimistically, no answer yet (or the send failed). */
  local?: 'sending' | 'failed';
  localError?: string;
};

/** The cached pages of one conversation's messages (TanStack infinite query), newest first. */
export type MessagesData = InfiniteData<Page<Message>, string | undefined>;

/** How far a staff message got on its way to the client's phone, as the ticks show it. */
export type DeliveryState = 'sending' | 'queued' | 'sent' | 'delivered' | 'failed' | 'none';

const QUEUED = new Set(['queued', 'sending', 'accepted', 'scheduled']);
const FAILED = new Set(['failed', 'undelivered', 'canceled']);

// Twilio's most frequent permanent failures, in words a lawyer understands.
const ERROR_WORDS: Record<string, string> = {
  '21610': 'The client has opted out of texts (replied STOP).',
  '21211': 'The client number is not a valid phone number.',
  '21614': 'The client number cannot receive texts.',
  '30003': 'The client phone is unreachable or switched off.',
  '30005': 'The client number does not exist.',
  '30006': 'The client number is a landline or cannot receive texts.',
  '30007': 'The carrier filtered the text.',
  '30008': 'The carrier could not deliver the text.',
};

/**
 * The state of a message's SMS delivery to the client (`clientPhone`, when known; contacts added to
 * the thread get their own deliveries) and, when it failed, why.
 */
export function deliveryState(
  message: Pick<Message, 'local' | 'localError' | 'deliveries'>,
  clientPhone?: string | null,
): {
  state: DeliveryState;
  error?: string;
} {
  if (message.local === 'sending') return { state: 'sending' };
  if (message.local === 'failed') return { state: 'failed', error: message.localError ?? 'Not sent.' };
  const texts = message.deliveries.filter((d) => d.channel === 'sms');
  const sms = texts.find((d) => d.recipient === clientPhone) ?? texts[0];
  if (!sms) return { state: 'none' };
  if (FAILED.has(sms.status)) return { state: 'failed', error: deliveryError(sms) };
  if (sms.status === 'delivered') return { state: 'delivered' };
  if (sms.status === 'sent') return { state: 'sent' };
  if (QUEUED.has(sms.status)) return { state: 'queued' };
  return { state: 'none' };
}

function deliveryError(d: DeliveryOut): string {
  if (d.errorCode) return ERROR_WORDS[d.errorCode] ?? `The text was not delivered (error ${d.errorCode}).`;
  return 'The text was not delivered.';
}

/** Every cached message, oldest first (the order the chat shows them in). */
export function oldestFirst(data: MessagesData | undefined): Message[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: Message[] = [];
  for (const page of data.pages) {
    for (const m of page.items) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
    }
  }
  return out.reverse();
}

function newerFirst(a: Message, b: Message): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The cache with `message` in it: merged into the copy already there (same id: an optimistic send, an event
 * that raced the answer), else added to the newest page. A partial message (an update event with only some
 * fields) changes only a message already cached.
 */
export function upsertMessage(
  data: MessagesData | undefined,
  message: Partial<Message> & { id: string },
): MessagesData | undefined {
  if (!data) return data;
  let found = false;
  const pages = data.pages.map((page) => {
    if (!page.items.some((m) => m.id === message.id)) return page;
    found = true;
    return {
      ...page,
      items: page.items.map((m) =>
        m.id === message.id ? { ...m, ...message, local: message.local, localError: message.localError } : m,
      ),
    };
  });
  if (found) return { ...data, pages };
  if (!isCompleteMessage(message)) return data;
  const [first, ...rest] = data.pages;
  const newest: Page<Message> = first ?? { items: [], nextCursor: null };
  return {
    ...data,
    pages: [{ ...newest, items: [...newest.items, message].sort(newerFirst) }, ...rest],
  };
}

/** True when the object has everything the chat needs to show a message. */
export function isCompleteMessage(m: Partial<Message>): m is Message {
  return (
    typeof m.id === 'string' &&
    typeof m.body === 'string' &&
    typeof m.createdAt === 'string' &&
    typeof m.authorType === 'string' &&
    Array.isArray(m.deliveries)
  );
}

/** The live counter under the composer: segments, room left, and why a text went Unicode. */
export function segmentSummary(body: string): { text: string; warning: string | null } {
  const m = measureSms(body);
  if (m.segments === 0) return { text: 'SMS: 0 segments', warning: null };
  const text = `SMS: ${m.segments} segment${m.segments === 1 ? '' : 's'} · ${m.remainingInSegment} character${
    m.remainingInSegment === 1 ? '' : 's'
  } left in this segment`;
  const warning =
    m.encoding === 'UCS-2'
      ? `${m.nonGsmCharacters.slice(0, 5).join(' ')} switch${m.nonGsmCharacters.length === 1 ? 'es' : ''} the text to Unicode: 70 characters per segment instead of 160.`
      : null;
  return { text, warning };
}

/** A phone number as people read it (+1 202-555-0143), or as given when it cannot be parsed. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

const timeOnly = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });
const dateAndTime = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const withYear = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

/** "2:05 PM" today, "Mar 3, 2:05 PM" this year, "Mar 3, 2024" before. */
export function formatWhen(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (at.toDateString() === now.toDateString()) return timeOnly.format(at);
  if (at.getFullYear() === now.getFullYear()) return dateAndTime.format(at);
  return withYear.format(at);
}

/** What the server adds around the caller's next text, and the firm's segment thresholds (GET …/texting). */
export interface Texting {
  prefix: string | null;
  footer: string | null;
  confirmAboveSegments: number;
  maxSegments: number;
  /** The client's consent to texts from the thread's number; null without a phone. */
  consent?: ConsentStatus | null;
}

const day = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * Why the composer is disabled when the client opted out, or null when they may be texted:
 * "+1 312-555-0100 replied STOP on Mar 2, 2026; they must text START to receive texts".
 */
export function optedOutReason(
  phone: string | null | undefined,
  consent: ConsentStatus | null | undefined,
): string | null {
  if (!consent?.optedOut) return null;
  const number = formatPhone(phone) || 'The client';
  const on = consent.since ? ` on ${day.format(new Date(consent.since))}` : '';
  const how =
    consent.cause === 'keyword' && consent.keyword
      ? `replied ${consent.keyword}${on}`
      : consent.cause === 'provider'
        ? `was reported unsubscribed by the carrier${on}`
        : `was opted out by the firm${on}`;
  return `${number} ${how}; they must text START to receive texts`;
}

/** The text the client will receive: the same framing the server applies (secure-chat/sender-prefix.ts). */
export function framedBody(body: string, texting: Pick<Texting, 'prefix' | 'footer'> | undefined): string {
  if (!texting) return body;
  const head = texting.prefix ? `${texting.prefix} ${body}` : body;
  return texting.footer ? `${head}\n${texting.footer}` : head;
}

/** Whether a text of `segments` segments may go as is, needs a confirmation, or is refused. */
export function lengthVerdict(segments: number, texting: Texting | undefined): 'ok' | 'confirm' | 'too-long' {
  if (!texting) return 'ok';
  if (segments > texting.maxSegments) return 'too-long';
  return segments > texting.confirmAboveSegments ? 'confirm' : 'ok';
}
