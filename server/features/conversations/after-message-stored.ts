import type { Deps } from '../../deps';
import type { PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { notifyMembersOfMessage } from '../notifications/notify';
import { queueSecureChatSms } from '../secure-chat/queue-sms';
import { captureTimeForMessage } from '../time-capture/capture-time';
import type { ConversationRow, MessageRow } from './queries';

/**
 * The one place a newly stored message fans out to other features, inside the storing
 * transaction: in-app notifications, then the secure-chat SMS to the client, then time capture.
 * Each returns the events to publish after commit. Runs once per message (never for a resend).
 */
export async function afterMessageStored(
  tx: Tx,
  deps: Deps,
  input: { conversation: ConversationRow; message: MessageRow; body: string },
): Promise<PublishedEvent[]> {
  const { conversation, message, body } = input;
  const notified = await notifyMembersOfMessage(tx, deps, { conversation, message });
  const texted = await queueSecureChatSms(tx, deps, { conversation, message, body });
  const captured = await captureTimeForMessage(tx, deps, { conversation, message });
  return [...notified, ...texted, ...captured];
}
