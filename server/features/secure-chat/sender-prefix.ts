import { countSegments } from '../../../contracts/sms-segments';
import type { FirmSettings } from '../settings/model';
import type { SmsFraming } from '../sms/framing';

// How a staff message becomes the text a client receives. A client reading texts from one firm
// number cannot tell colleagues apart, so the first text of a thread and every change of sender
// name who is writing; the first text also carries the firm's opt-out footer (CTIA: identify the
// sender and disclose opt-out).

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

/** Whether the framed text fits the firm's segment limit, and how many segments it takes. */
export function checkLength(text: string, maxSegments: number): { segments: number; fits: boolean } {
  const segments = countSegments(text);
  return { segments, fits: segments <= maxSegments };
}
