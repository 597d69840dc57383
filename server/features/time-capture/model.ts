// Pure rules of automated time capture: which messages count, when a text extends the timekeeper's
// event, how long an event lasts and how it becomes billed hours (descriptions: description.ts).

import type { billableSources, billableStatuses } from '../../../contracts/time-capture';
import { dayInZone } from '../../../contracts/time-zone';

export type BillableSource = (typeof billableSources)[number];
export type BillableStatus = (typeof billableStatuses)[number];

/** The firm's time-capture settings (settings.timeCapture). */
export interface TimeCaptureSettings {
  /** A timekeeper's text within this many minutes of their previous one extends the same event. */
  chatWindowMinutes: number;
  /** Duration of an e-mail to a client. */
  emailDefaultMinutes: number;
  /** Billing increment: durations are rounded up to a multiple of it (6 = 0.1 h). */
  incrementMinutes: number;
  /** Time credited for writing each text, added to the span between the first and the last text. */
  minimumSecondsPerText: number;
  /** Whether the description quotes the event's first text (off by default: descriptions carry no content). */
  includeContentInDescription: boolean;
}

/** The fields of a conversation that decide whether its messages are billable. */
export interface CapturedConversation {
  kind: string;
  matterId: string | null;
}

/** The fields of a stored message that decide whether it is billable. */
export interface CapturedMessage {
  authorType: string;
  authorId: string | null;
  visibility: string;
  kind: string;
  source: string;
}

/** What a stored message leads to: a text that opens or extends a chat event, an e-mail event, or nothing. */
export type Capture =
  | { type: 'chat'; source: 'secure_chat' | 'sms' | 'portal'; userId: string; matterId: string }
  | { type: 'email'; userId: string; matterId: string }
  | null;

/**
 * Only public messages a staff user wrote to a client on a matter count: client texts, internal
 * notes, status updates and system messages never create or extend an event. A message that went
 * out as an e-mail is an e-mail event of its own; texts in secure chats, SMS conversations and portal
 * threads (portal chat or portal messages) are chat events.
 */
export function captureFor(conversation: CapturedConversation, message: CapturedMessage): Capture {
  if (message.authorType !== 'user' || !message.authorId) return null;
  if (message.visibility !== 'public' || message.kind !== 'message') return null;
  if (!conversation.matterId) return null;
  const base = { userId: message.authorId, matterId: conversation.matterId };
  if (message.source === 'email') return { type: 'email', ...base };
  switch (conversation.kind) {
    case 'secure_chat':
      return { type: 'chat', source: 'secure_chat', ...base };
    case 'sms':
      return { type: 'chat', source: 'sms', ...base };
    case 'portal_chat':
    case 'message':
      return { type: 'chat', source: 'portal', ...base };
    default:
      return null;
  }
}

/** The span and count of texts of a chat event. */
export interface ChatSpan {
  matterId: string;
  /** The event's first text. */
  startedAt: Date;
  /** The event's last text. */
  endedAt: Date;
  messageCount: number;
}

/**
 * Whether a text at `at` belongs to the event that is still collecting: same matter, and less than
 * the window after the timekeeper's last text. Exactly the window (10:00 after the last text) is a
 * new event: by then the window "has passed". Client texts play no part, so a client's reply in
 * between neither keeps the event alive nor ends it. A text stamped slightly before the event (two
 * sends committing out of order) joins it when it is within the window of the first text.
 */
export function extendsEvent(event: ChatSpan, text: { at: Date; matterId: string }, windowMinutes: number) {
  if (event.matterId !== text.matterId) return false;
  const windowMs = windowMinutes * 60_000;
  const at = text.at.getTime();
  return at < event.endedAt.getTime() + windowMs && at > event.startedAt.getTime() - windowMs;
}

/** The event after adding one text to it. */
export function addText(event: ChatSpan, at: Date): ChatSpan {
  return {
    matterId: event.matterId,
    startedAt: at < event.startedAt ? at : event.startedAt,
    endedAt: at > event.endedAt ? at : event.endedAt,
    messageCount: event.messageCount + 1,
  };
}

/** A new event made of one text. */
export function firstText(matterId: string, at: Date): ChatSpan {
  return { matterId, startedAt: at, endedAt: at, messageCount: 1 };
}

/**
 * What a timekeeper's text does: extend their collecting event of the conversation, or start a
 * new one (closing the previous one, which keeps its time).
 */
export function captureText(
  collecting: ChatSpan | null,
  text: { at: Date; matterId: string },
  windowMinutes: number,
): { action: 'extend'; span: ChatSpan } | { action: 'start'; span: ChatSpan; closePrevious: boolean } {
  if (collecting && extendsEvent(collecting, text, windowMinutes))
    return { action: 'extend', span: addText(collecting, text.at) };
  return { action: 'start', span: firstText(text.matterId, text.at), closePrevious: collecting !== null };
}

/**
 * Duration of a chat event: from its first to its last text, plus minimumSecondsPerText for each
 * text (the time to write it; a single text is worth exactly that minimum). Whole seconds.
 */
export function chatDurationSeconds(span: ChatSpan, minimumSecondsPerText: number): number {
  const between = Math.max(0, span.endedAt.getTime() - span.startedAt.getTime());
  return Math.round(between / 1000) + span.messageCount * minimumSecondsPerText;
}

/** Duration of a logged call: end minus start, whole seconds (rounded up: a started second counts). */
export function callDurationSeconds(startedAt: Date, endedAt: Date): number {
  return Math.ceil((endedAt.getTime() - startedAt.getTime()) / 1000);
}

/** Duration of an e-mail event: the firm's default. */
export function emailDurationSeconds(settings: Pick<TimeCaptureSettings, 'emailDefaultMinutes'>): number {
  return settings.emailDefaultMinutes * 60;
}

/** Longest quoted excerpt of a text, in characters. */
export const EXCERPT_LENGTH = 80;

/**
 * What follows the summary when the firm lets descriptions quote content (includeContentInDescription):
 * the event's first text on one line, cut to EXCERPT_LENGTH characters with an ellipsis.
 */
export function excerptSuffix(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  if (!line) return '';
  const chars = [...line];
  const excerpt = chars.length <= EXCERPT_LENGTH ? line : `${chars.slice(0, EXCERPT_LENGTH - 1).join('')}…`;
  return `: “${excerpt}”`;
}

/**
 * Billed minutes: the duration rounded UP to the billing increment (6 minutes = 0.1 h), so a
 * 1-second event bills one increment and an exact multiple bills exactly that.
 */
export function billedMinutes(durationSeconds: number, incrementMinutes: number): number {
  if (durationSeconds <= 0) return 0;
  return Math.ceil(durationSeconds / (incrementMinutes * 60)) * incrementMinutes;
}

/** Hours of billed minutes, to at most 4 decimals (exact for the usual 6- and 15-minute increments). */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10_000) / 10_000;
}

/** The amount in cents of billed minutes at an hourly rate in cents, rounded to the cent. */
export function amountCents(minutes: number, rateCents: number): number {
  return Math.round((rateCents * minutes) / 60);
}

/**
 * The calendar date (YYYY-MM-DD) of a time in the firm's zone: the work date of a time entry. A text
 * at 9:30 PM in New York is that day's work, though it is already tomorrow in UTC.
 */
export function workDateOf(at: Date, timeZone: string): string {
  return dayInZone(at, timeZone);
}
