import type { Executor } from '../../platform/db/client';

/** A customer number and the firm number it texts. */
export interface NumberPair {
  phone: string;
  firmPhone: string;
}

/** The consent facts shown with a conversation. */
export interface ConsentFlags {
  /** The customer opted out of texts from the firm number. */
  optedOut: boolean;
  /** A message of the customer reads like a withdrawal of consent and awaits an agent's decision. */
  revocationFlagged: boolean;
}

/** Key of a pair in the map consentFlagsOf answers. */
export const pairKey = (p: NumberPair) => `${p.phone}|${p.firmPhone}`;

/**
 * The consent flags of each (customer number, firm number) pair, by pairKey. The one place the
 * Message Center reads consent: the consent ledger (another change) answers here; until it is
 * wired in, nobody is opted out and nothing is flagged.
 */
export async function consentFlagsOf(
  _ex: Executor,
  _firmId: string,
  pairs: NumberPair[],
): Promise<Map<string, ConsentFlags>> {
  return new Map(pairs.map((p) => [pairKey(p), { optedOut: false, revocationFlagged: false }]));
}
