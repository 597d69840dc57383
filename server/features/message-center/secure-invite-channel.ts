import { conflict, invalidField } from '../../platform/http/problem';
import type { ChannelChooser } from '../conversations/plugins';
import { chooseChannel } from './secure-invite-model';
import { customerJoined } from './secure-invite-queries';

/**
 * The channel chooser of Message Center conversations (bootstrap.ts): where an agent's public
 * message goes, by the composer's "Chat with" choice (chooseChannel). A message for the secure
 * chat is never texted (queueMessageCenterSms skips it).
 */
export const chooseMessageCenterChannel: ChannelChooser = async (tx, _deps, input) => {
  const joined = await customerJoined(tx, input.conversation);
  const decision = chooseChannel({ ...input, joined });
  if ('channel' in decision) return decision.channel;
  if (decision.refusal === 'invalid-channel')
    throw invalidField('body.channel', 'must be sms or secure in a Message Center conversation');
  throw conflict(
    'secure-chat-not-joined',
    'The customer has not joined the secure chat yet; text them, or wait until they open the invitation.',
  );
};
