import { countSegments } from '../../../contracts/sms-segments';
import type { Deps } from '../../deps';
import type { PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { messageDeliveries } from '../../platform/db/schema';
import { unprocessable } from '../../platform/http/problem';
import { appendOutbox } from '../../platform/outbox/append';
import type { MessageStoredListener, MessageToStore, StoredMessage } from '../conversations/plugins';
import { ensureTextable } from '../sms/consent';
import { MAX_SMS_CHARACTERS } from '../sms/model';
import { SMS_SEND_TOPIC, type SmsSendPayload } from '../sms/payload';
import { publicReplyRefusal } from './model';
import { claimedBy, notClaimed } from './problems';

/** A staff member's public message in an sms conversation: texted to the customer, or refused. */
export function textsCustomer(draft: Pick<MessageToStore, 'conversation' | 'message'>): boolean {
  const { conversation, message } = draft;
  return (
    conversation.kind === 'sms' &&
    message.authorType === 'user' &&
    message.visibility === 'public' &&
    message.kind === 'message'
  );
}

/**
 * The Message Center side of a stored message (messageCenterTexting, bootstrap.ts). In an sms
 * conversation a staff member's note is kept and never texted; a public message is texted to the
 * customer from the campaign number, and only by the agent who claimed the conversation: before a
 * claim it is refused with 409 not-claimed, by anyone else with 409 claimed (naming the holder), and
 * the refusal rolls the message back, as does a customer who opted out (422 opted-out). The text goes through the SMS outbox (keyed by the message id,
 * so no retry texts twice) with a queued delivery recording its segments; no sender prefix or
 * footer (the customer texted the campaign number and talks to "the business").
 */
export async function queueMessageCenterSms(
  tx: Tx,
  _deps: Deps,
  input: Pick<StoredMessage, 'conversation' | 'message' | 'body' | 'deliveries'>,
): Promise<PublishedEvent[]> {
  const { conversation, message, body } = input;
  if (!textsCustomer(input)) return [];
  const refusal = publicReplyRefusal(conversation, message.authorId as string);
  if (refusal === 'not-claimed') throw notClaimed();
  if (refusal === 'claimed')
    throw await claimedBy(
      tx,
      conversation.firmId,
      conversation.assigneeId as string,
      'Another agent has claimed this conversation; only they can text the customer. Write a note instead.',
    );
  // The secure chat page shows it; a secure message never becomes a text.
  if (message.channel === 'secure') return [];
  if ([...body].length > MAX_SMS_CHARACTERS)
    throw unprocessable(
      'sms-too-long',
      `A text message can hold at most ${MAX_SMS_CHARACTERS} characters; shorten it or split it in two.`,
    );
  const to = conversation.contactPhone as string;
  await ensureTextable(tx, conversation.firmId, to, conversation.firmPhone as string);
  const queued = await tx
    .insert(messageDeliveries)
    .values({
      firmId: conversation.firmId,
      messageId: message.id,
      channel: 'sms',
      recipient: to,
      status: 'queued',
      segments: countSegments(body),
      conversationId: conversation.id,
      updatedAt: message.createdAt,
    })
    .onConflictDoNothing()
    .returning();
  input.deliveries.push(...queued);
  const payload: SmsSendPayload = {
    kind: 'message',
    firmId: conversation.firmId,
    conversationId: conversation.id,
    messageId: message.id,
    from: conversation.firmPhone as string,
    to,
    prefix: null,
    footer: null,
  };
  await appendOutbox(tx, {
    firmId: conversation.firmId,
    topic: SMS_SEND_TOPIC,
    payload,
    idempotencyKey: message.id,
  });
  return [];
}

/** Texting the customer of an sms conversation, as a messageStored listener. */
export const messageCenterTexting: MessageStoredListener = {
  actsOn: textsCustomer,
  run: queueMessageCenterSms,
};
