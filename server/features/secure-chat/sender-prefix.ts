import { countSegments } from '../../channels/sms/segments';
import type { FirmSettings } from '../settings/model';

// How a staff message becomes the text a client receives. A client reading texts from one firm
// number cannot tell colleagues apart, so the first text of a thread and every change of sender
// name who is writing; the first text also carries the firm's opt-out footer (CTIA: identify the
// sender and disclose opt-out).

/** What the text of a message adds around its body. */
export interface SmsFraming {
  /** Starts the text, e.g. "Demo Law LLP – Alice Smith:"; null when the sender needs no naming. */
  prefix: string | null;
  /** Ends the text, e.g. "Reply STOP to opt out"; null after the first text. */
  footer: string | null;
}

/** The facts the framing of one text is decided from. */
export interface FramingInput {
  texting: FirmSettings['secureChatTexting'];
  /** The firm's own name (used when no display name is set). */
  firmName: string;
  senderId: string;
  senderName: string;
  /** Author of the thread's previous text to the client; null when this is the first. */
  previousSenderId: string | null;
}

/** The sender prefix with its placeholders filled in; null when the firm turned it off. */
export function fillSenderPrefix(template: string, firm: string, name: string): string | null {
  const filled = template.replaceAll('{firm}', firm).replaceAll('{name}', name).trim();
  return filled === '' ? null : filled;
}

/** Whether this text must name its sender, and whether it carries the opt-out footer. */
export function framingFor(input: FramingInput): SmsFraming {
  const first = input.previousSenderId === null;
  const senderChanged = first || input.previousSenderId !== input.senderId;
  const firm = input.texting.firmDisplayName.trim() || input.firmName;
  const footer = input.texting.optOutFooter.trim();
  return {
    prefix: senderChanged ? fillSenderPrefix(input.texting.senderPrefix, firm, input.senderName) : null,
    footer: first && footer !== '' ? footer : null,
  };
}

/** The text the client receives: prefix, body, then the footer on a line of its own. */
export function framedText(body: string, framing: SmsFraming): string {
  const head = framing.prefix ? `${framing.prefix} ${body}` : body;
  return framing.footer ? `${head}\n${framing.footer}` : head;
}

/** Whether the framed text fits the firm's segment limit, and how many segments it takes. */
export function checkLength(text: string, maxSegments: number): { segments: number; fits: boolean } {
  const segments = countSegments(text);
  return { segments, fits: segments <= maxSegments };
}
