import type { InboundClassification } from '../../channels/sms/keywords';
import type { InboundSms, SmsProviderName } from '../../channels/sms/port';
import type { Deps } from '../../deps';
import type { PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';

/** What became of an inbound text. */
export type InboundOutcome =
  /** It landed in a conversation (for a secure-chat number: the thread linked to the pair). */
  | { result: 'stored'; conversationId: string; messageId: string }
  /** The provider delivered it before (webhook retry): nothing new was stored. */
  | { result: 'duplicate' }
  /** No firm owns the number it was sent to, or the number is for nothing Parley receives. */
  | { result: 'unknown-number' }
  /** No open thread links the pair: kept on the pair's ended thread when there is one (its ids given), maybe auto-replied. */
  | { result: 'unlinked'; autoReplied: boolean; conversationId?: string; messageId?: string }
  /** Sent to a Message Center campaign number (handled by a later feature). */
  | { result: 'campaign' };

/** What the client's consent says about one inbound text (see consent.ts). */
export interface Consent {
  /** Whether the text is a keyword (STOP, START, HELP), reads like a withdrawal of consent, or is plain. */
  classification: InboundClassification;
  /** The pair (customer number, firm number) is opted out after this text. */
  optedOut: boolean;
  /** The state this text changed the pair to (STOP → opted_out, START from an opted-out pair → opted_in); null when unchanged. */
  changed: 'opted_in' | 'opted_out' | null;
  /** The text reads like a withdrawal of consent and was flagged for staff (never acted on). */
  revocationFlagged: boolean;
}

/** An inbound text on its way to its receiver: deduplicated, its firm found, its consent read. */
export interface InboundText {
  firmId: string;
  /** What the firm uses the receiving number for (firm_numbers.purpose). */
  purpose: string;
  inbound: InboundSms;
  provider: SmsProviderName;
  consent: Consent;
}

/**
 * Takes an inbound text in the receiving transaction (its receipt is part of it, so a failure lets
 * the provider's retry try again) and pushes the events to publish after commit.
 */
export type InboundSmsReceiver = (
  tx: Tx,
  deps: Deps,
  text: InboundText,
  events: PublishedEvent[],
) => Promise<InboundOutcome>;

/** The receiver of each number purpose (secure_chat, campaign …), filled by the composition root. */
export type InboundSmsReceivers = Readonly<Record<string, InboundSmsReceiver>>;
