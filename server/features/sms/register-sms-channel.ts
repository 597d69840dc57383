import type { Deps } from '../../deps';
import { consentReplies } from './consent';
import { applyProviderDeliveryUpdate } from './delivery-updates';
import { SMS_SEND_TOPIC } from './payload';
import { type SmsReplies, smsSender } from './sender';

/**
 * Connects the SMS channel to the app: outbound texts leave through the outbox's `sms.send`, and
 * the simulator's delivery progression (queued → sent → delivered) updates deliveries the way
 * Twilio's status callbacks do. Called once by createDeps, with the automatic replies of the features (the consent replies added).
 */
export function registerSmsChannel(deps: Deps, replies: SmsReplies): void {
  // The consent step's replies (STOP/START confirmations, HELP) serve every firm number.
  deps.outbox.register(SMS_SEND_TOPIC, smsSender(deps, { ...consentReplies(deps), ...replies }));
  const sms = deps.sms;
  if (sms.name !== 'simulator') return;
  sms.onDeliveryUpdate(async (update) => {
    const text = sms.list().find((t) => t.id === update.providerId);
    if (text) await applyProviderDeliveryUpdate(deps, { firmPhone: text.from, update });
  });
}
