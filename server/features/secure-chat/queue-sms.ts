import { countSegments } from '../../../contracts/sms-segments';
import type { Deps } from '../../deps';
import type { PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { messageDeliveries } from '../../platform/db/schema';
import { unprocessable } from '../../platform/http/problem';
import { appendOutbox } from '../../platform/outbox/append';
import type { ConversationRow, MessageRow } from '../conversations/queries';
import { ensureTextable } from '../sms/consent';
import { framedText } from '../sms/framing';
import { MAX_SMS_CHARACTERS } from '../sms/model';
import { SMS_SEND_TOPIC, type SmsSendPayload } from '../sms/payload';
import { framingOfText, requireFits } from './sms-framing';

/** True when a stored message goes to the client by SMS: a staff member's public message in an open secure chat. */
export function textsClient(conversation: ConversationRow, message: MessageRow): boolean {
  return (
    conversation.kind === 'secure_chat' &&
    conversation.status === 'open' &&
    conversation.contactPhone !== null &&
    conversation.firmPhone !== null &&
    message.authorType === 'user' &&
    message.visibility === 'public' &&
    message.kind === 'message'
  );
}

/**
 * Queues the SMS of a staff message in a secure chat, inside the storing transaction: a queued
 * delivery to the client's phone (with its segment count, shown before the provider answers) and
 * an `sms.send` outbox job from the thread's linked number, keyed by the message id so no retry
 * texts twice. The job carries ids and the sender's name prefix and opt-out footer (sender-prefix.ts),
 * never content; the sender decrypts the body when it sends. A text longer than the provider
 * accepts, or than the firm's segment limit with its framing, is refused (422) and nothing is stored;
 * so is a text to a client who opted out of the thread's number (422 opted-out, sms/consent.ts).
 */
export async function queueSecureChatSms(
  tx: Tx,
  _deps: Deps,
  input: { conversation: ConversationRow; message: MessageRow; body: string },
): Promise<PublishedEvent[]> {
  const { conversation, message, body } = input;
  if (!textsClient(conversation, message)) return [];
  // A client who opted out of this number is not texted: 422 opted-out, and the message is not stored.
  await ensureTextable(
    tx,
    conversation.firmId,
    conversation.contactPhone as string,
    conversation.firmPhone as string,
  );
  if ([...body].length > MAX_SMS_CHARACTERS)
    throw unprocessable(
      'sms-too-long',
      `A text message can hold at most ${MAX_SMS_CHARACTERS} characters; shorten it or split it in two.`,
    );
  const { framing, texting } = await framingOfText(tx, {
    conversation,
    senderId: message.authorId as string,
    messageId: message.id,
  });
  requireFits(body, framing, texting.maxSegments);
  const to = conversation.contactPhone as string;
  await tx
    .insert(messageDeliveries)
    .values({
      firmId: conversation.firmId,
      messageId: message.id,
      channel: 'sms',
      recipient: to,
      status: 'queued',
      segments: countSegments(framedText(body, framing)),
      conversationId: conversation.id,
      updatedAt: message.createdAt,
    })
    .onConflictDoNothing();
  const payload: SmsSendPayload = {
    kind: 'message',
    firmId: conversation.firmId,
    conversationId: conversation.id,
    messageId: message.id,
    from: conversation.firmPhone as string,
    to,
    prefix: framing.prefix,
    footer: framing.footer,
  };
  await appendOutbox(tx, {
    firmId: conversation.firmId,
    topic: SMS_SEND_TOPIC,
    payload,
    idempotencyKey: message.id,
  });
  return [];
}
