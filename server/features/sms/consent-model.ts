import { dayInZone } from '../../../contracts/time-zone';
import type { InboundClassification } from '../../channels/sms/keywords';

// The consent rules, pure. A (customer number, firm number) pair is opted in until the customer
// opts out (a STOP keyword, a carrier's 21610, or staff acting on a revocation); only the customer's
// own opt-in keyword opts it back in.

/** Whether a pair may be texted. */
export type ConsentState = 'opted_in' | 'opted_out';
/** What changed the state: keyword (STOP/START), provider (21610), staff (by hand), revocation (a flagged text confirmed). */
export type ConsentCause = 'keyword' | 'provider' | 'staff' | 'revocation';

/** The automatic replies of the consent step, by name (registered with the SMS sender). */
export const CONSENT_REPLIES = {
  optOut: 'consent_opt_out',
  optIn: 'consent_opt_in',
  help: 'consent_help',
} as const;
export type ConsentReply = (typeof CONSENT_REPLIES)[keyof typeof CONSENT_REPLIES];

/** True for the replies that must reach an opted-out number (the STOP confirmation, HELP): they bypass the block. */
export function bypassesOptOut(reply: string): boolean {
  return (Object.values(CONSENT_REPLIES) as string[]).includes(reply);
}

/** What the consent step does with one inbound text. */
export interface ConsentDecision {
  /** The new state to record in the ledger, when the text changes it. */
  change: { state: ConsentState; cause: 'keyword'; keyword: string } | null;
  /** The automatic reply to send, if any. */
  reply: ConsentReply | null;
  /** The text reads like a withdrawal of consent: flag it for staff (never acted on automatically). */
  flag: boolean;
}

/**
 * Decides what an inbound text does to the pair's consent.
 * - An opt-out keyword opts an opted-in pair out, with one confirmation. A repeated STOP from an
 *   opted-out pair records nothing and sends nothing: the ledger keeps one entry per real change,
 *   and the customer who asked for no more texts gets no second one (the FCC allows one confirmation).
 * - An opt-in keyword opts an opted-out pair back in, with one confirmation. From a pair that never
 *   opted out it is an ordinary text ("YES" answers a question): no entry, no reply.
 * - HELP/INFO is answered with the help text in any state: CTIA requires an answer, and it is the
 *   customer asking.
 * - Free text that reads like a revocation is flagged while the pair is opted in.
 */
export function decideConsent(current: ConsentState, classification: InboundClassification): ConsentDecision {
  switch (classification.kind) {
    case 'opt-out':
      return current === 'opted_out'
        ? { change: null, reply: null, flag: false }
        : {
            change: { state: 'opted_out', cause: 'keyword', keyword: classification.keyword },
            reply: CONSENT_REPLIES.optOut,
            flag: false,
          };
    case 'opt-in':
      return current === 'opted_in'
        ? { change: null, reply: null, flag: false }
        : {
            change: { state: 'opted_in', cause: 'keyword', keyword: classification.keyword },
            reply: CONSENT_REPLIES.optIn,
            flag: false,
          };
    case 'help':
      return { change: null, reply: CONSENT_REPLIES.help, flag: false };
    case 'text':
      return { change: null, reply: null, flag: classification.likelyRevocation && current === 'opted_in' };
  }
}

/** The confirmation of an opt-out, signed with the firm's name (CTIA: confirm, no marketing). */
export function optOutConfirmation(firmName: string): string {
  return `${firmName}: You have been unsubscribed and will receive no more texts from this number. Reply START to resubscribe.`;
}

/** The confirmation of an opt-in. */
export function optInConfirmation(firmName: string): string {
  return `${firmName}: You have been resubscribed to texts from this number. Reply HELP for help, STOP to unsubscribe.`;
}

/** The help text with {firm} and {phone} filled in. */
export function fillHelpText(template: string, firmName: string, firmPhone: string): string {
  return template.replaceAll('{firm}', firmName).replaceAll('{phone}', firmPhone);
}

/** What presenters show of a pair: opted out, and whether a text of the customer awaits a decision. */
export interface ConsentFlags {
  optedOut: boolean;
  revocationFlagged: boolean;
}

/** The flags of a pair from its current state (sms_consent_states); a pair without one is opted in and unflagged. */
export function consentFlags(
  state: { state: string; revocationFlaggedAt: Date | null } | null,
): ConsentFlags {
  return {
    optedOut: state?.state === 'opted_out',
    revocationFlagged: state?.state === 'opted_in' && state.revocationFlaggedAt !== null,
  };
}

/** The key a pair is known by in consentFlagsOf's answer. */
export function pairKey(phone: string, firmPhone: string): string {
  return `${phone}|${firmPhone}`;
}

/**
 * The 422 detail of a refused send to an opted-out pair (no content, the number is the staff's own
 * client), dated on the firm's calendar.
 */
export function optedOutDetail(
  phone: string,
  since: Date | null,
  keyword: string | null,
  timeZone: string,
): string {
  const when = since ? ` on ${dayInZone(since, timeZone)}` : '';
  const how = keyword ? `replied ${keyword}${when}` : `opted out${when}`;
  return `${phone} ${how}; they must text START to receive texts from this number again.`;
}
