import type { InboundClassification } from '../../channels/sms/keywords';
import { normalizeE164 } from '../../platform/phone';

// Pure rules of secure chat: which firm number a new thread takes, the open-thread limit, which of
// the contact's phones was picked, and when a text to an unlinked number earns an automatic reply.

/** What a user is told when the limit is reached (the seed: ending old threads frees links). */
export const THREAD_LIMIT_DETAIL = 'End an old thread with this client to start a new one.';

/**
 * The firm number a new thread with a client phone takes: the first number of the pool (in E.164
 * order, so the choice is stable) that no open thread with that phone holds yet; null when every
 * number is taken. Each (firm number, client phone) pair routes to exactly one thread.
 */
export function pickPoolNumber(pool: readonly string[], linked: ReadonlySet<string>): string | null {
  return [...pool].sort().find((number) => !linked.has(number)) ?? null;
}

/**
 * Whether a user may open one more thread with a client phone: fewer open threads than the firm's
 * limit, and a pool number left (the pool bounds the limit, since each thread holds its own number).
 */
export function mayOpenThread(input: { openByUser: number; maxOpen: number; freeNumbers: number }): boolean {
  return input.openByUser < input.maxOpen && input.freeNumbers > 0;
}

/**
 * The contact's phone the user picked, in E.164, when `input` (any common spelling) is one of
 * them; null otherwise (including input that is not a phone number at all).
 */
export function pickContactPhone(contactPhones: readonly string[], input: string): string | null {
  const wanted = normalizeE164(input);
  if (!wanted) return null;
  return contactPhones.includes(wanted) ? wanted : null;
}

/** The name of the automatic reply to a text to an unlinked number (in sms.send jobs and the daily-reply ledger). */
export const UNLINKED_REPLY = 'secure_chat_unlinked';

/** The reply a client gets (at most once a day) when texting a number that no open thread links. */
export function unlinkedReplyText(firmName: string): string {
  return `${firmName}: this conversation has ended and texts to this number are no longer read. Please contact our office to reach your attorney.`;
}

/** How long a client phone waits between two automatic replies. */
export const AUTO_REPLY_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a text to an unlinked number earns the automatic reply: plain texts do; keywords never
 * (the carrier or provider answers STOP, HELP and START itself, and a STOP must get no text from
 * us), nor texts that read like a withdrawal of consent.
 */
export function earnsUnlinkedReply(classification: InboundClassification): boolean {
  return classification.kind === 'text' && !classification.likelyRevocation;
}
