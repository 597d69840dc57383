import { maskPhone } from '../../platform/phone';
import type { InboundSmsReceiver } from './inbound';

/**
 * The receiver of texts to Message Center campaign numbers, where they will open or continue a
 * conversation (a later issue). Until then they are acknowledged to the provider and nothing is stored.
 */
export const receiveCampaignSms: InboundSmsReceiver = async (_tx, deps, text) => {
  deps.log.info(
    { firmId: text.firmId, to: maskPhone(text.inbound.to) },
    'inbound text to a campaign number not handled yet',
  );
  return { result: 'campaign' };
};
