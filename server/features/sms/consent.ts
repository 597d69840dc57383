import { classifyInbound } from '../../channels/sms/keywords';
import type { InboundSms } from '../../channels/sms/port';
import type { Consent } from './inbound';

/**
 * The consent step of every inbound text, between dedupe and routing by number purpose. It is the
 * home of the opt-out ledger: Message Center records STOP and START per client phone here. Until
 * then no text is refused (a keyword is stored like any text); receivers read the classification
 * to send nothing automatic in answer to a keyword or a withdrawal of consent.
 */
export function consentOf(inbound: InboundSms): Consent {
  return { classification: classifyInbound(inbound.body) };
}
