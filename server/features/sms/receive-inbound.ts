import { eq } from 'drizzle-orm';
import type { InboundSms, SmsProviderName } from '../../channels/sms/port';
import type { Deps } from '../../deps';
import { inTransaction } from '../../platform/bus/in-transaction';
import { inboundReceipts } from '../../platform/db/schema';
import { maskPhone } from '../../platform/phone';
import { applyInboundConsent, attachConsentMessage } from './consent';
import type { InboundOutcome, InboundSmsReceiver } from './inbound';
import { ownerOfNumber } from './queries';

/** Texts to a number whose purpose no feature receives: acknowledged to the provider, nothing stored. */
const receiveUnknownPurpose: InboundSmsReceiver = async (_tx, deps, text) => {
  deps.log.warn(
    { firmId: text.firmId, purpose: text.purpose, to: maskPhone(text.inbound.to) },
    'inbound text to a number for no known purpose',
  );
  return { result: 'unknown-number' };
};

/**
 * Handles a text a client sent to one of the firms' numbers. The firm is the owner of the number
 * (a number no firm owns has no firm to keep a receipt for, and stops here). Then, in one
 * transaction: dedupe (once per provider message id: a retried webhook finds its receipt and
 * stores nothing), consent (consent.ts), and the receiver of the number's purpose
 * (deps.smsReceivers: the secure-chat pool, campaign numbers …).
 */
export async function receiveInboundSms(
  deps: Deps,
  inbound: InboundSms,
  provider: SmsProviderName,
): Promise<InboundOutcome> {
  const owner = await ownerOfNumber(deps.db, inbound.to);
  if (!owner) {
    deps.log.warn({ provider, to: maskPhone(inbound.to) }, 'inbound text to a number no firm owns');
    return { result: 'unknown-number' };
  }
  const { firmId, purpose } = owner;
  return inTransaction(deps, async (tx, events): Promise<InboundOutcome> => {
    const [receipt] = await tx
      .insert(inboundReceipts)
      .values({ key: `${provider}:${inbound.providerId}`, firmId, receivedAt: inbound.receivedAt })
      .onConflictDoNothing()
      .returning({ key: inboundReceipts.key });
    if (!receipt) return { result: 'duplicate' };

    const step = await applyInboundConsent(tx, deps, { firmId, inbound, provider }, events);
    const { consent } = step;
    const receive = deps.smsReceivers[purpose] ?? receiveUnknownPurpose;
    const outcome = await receive(tx, deps, { firmId, purpose, inbound, provider, consent }, events);
    const messageId =
      (outcome.result === 'stored' || outcome.result === 'unlinked') && outcome.messageId
        ? outcome.messageId
        : null;
    if (messageId) {
      await tx.update(inboundReceipts).set({ messageId }).where(eq(inboundReceipts.key, receipt.key));
      if (step.entryId || step.flagged)
        await attachConsentMessage(tx, {
          firmId,
          phone: inbound.from,
          firmPhone: inbound.to,
          step,
          messageId,
        });
    }
    return outcome;
  });
}
