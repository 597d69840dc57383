import { sql } from 'drizzle-orm';
import { countSegments } from '../../../contracts/sms-segments';
import type { Deps } from '../../deps';
import type { PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { preparedOnce } from '../../platform/db/prepared-once';
import { messageDeliveries } from '../../platform/db/schema';
import { unprocessable } from '../../platform/http/problem';
import { appendOutbox } from '../../platform/outbox/append';
import type { MessageStoredListener, MessageToStore, StoredMessage } from '../conversations/plugins';
import type { ConversationRow } from '../conversations/queries';
import { ensureTextable } from '../sms/consent';
import { framedText, type SmsFraming } from '../sms/framing';
import { MAX_SMS_CHARACTERS } from '../sms/model';
import { SMS_SEND_TOPIC, type SmsSendPayload } from '../sms/payload';
import { textedBefore, textedMembers } from './queries';
import { framingOfText, requireFits } from './sms-framing';

/** True when a stored message goes to the client by SMS: a staff member's public message in an open secure chat. */
export function textsClient(
  conversation: Pick<ConversationRow, 'kind' | 'status' | 'contactPhone' | 'firmPhone'>,
  message: MessageToStore['message'],
): boolean {
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

// Every text queues one delivery per phone: built once (issue 11).
const queueDelivery = preparedOnce((ex) => {
  const value = (name: string) => sql.placeholder(name);
  return ex
    .insert(messageDeliveries)
    .values({
      firmId: value('firmId'),
      messageId: value('messageId'),
      channel: 'sms',
      recipient: value('recipient'),
      status: 'queued',
      segments: value('segments'),
      conversationId: value('conversationId'),
      updatedAt: value('updatedAt'),
    })
    .onConflictDoNothing()
    .returning()
    .prepare('parley_queue_sms_delivery');
});

/** One phone a staff text goes to, with the framing it takes there and the job's idempotency key. */
interface Recipient {
  phone: string;
  framing: SmsFraming;
  key: string;
}

/**
 * Queues the SMS of a staff message in a secure chat, inside the storing transaction: a queued
 * delivery per phone (with its segment count, shown before the provider answers) and an `sms.send`
 * outbox job from the thread's linked number, keyed by the message id (and the contact, for added
 * contacts) so no retry texts twice. The text goes to the client's phone and to each contact added
 * from the matter, at the first phone on that contact's record (textedMembers): "Texts only"
 * members. An added contact's first text from the thread names the sender and carries the opt-out
 * footer, like the client's first. The job carries ids and framing, never content; the sender
 * decrypts the body when it sends. A text longer than the provider accepts, or than the firm's
 * segment limit with its framing (for any recipient), is refused (422) and nothing is stored; so
 * is a text to a client who opted out of the thread's number (422 opted-out, sms/consent.ts). An
 * added contact who opted out is queued all the same: the sender fails that delivery with
 * `opted-out` before any provider call, so the thread shows why they were not texted.
 */
export async function queueSecureChatSms(
  tx: Tx,
  _deps: Deps,
  input: Pick<StoredMessage, 'conversation' | 'message' | 'body' | 'deliveries' | 'authorName'>,
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
  const { framing, texting, firstFraming } = await framingOfText(tx, {
    conversation,
    senderId: message.authorId as string,
    senderName: input.authorName,
    messageId: message.id,
  });
  const recipients: Recipient[] = [{ phone: conversation.contactPhone as string, framing, key: message.id }];
  for (const member of await textedMembers(tx, conversation)) {
    const first = !(await textedBefore(tx, conversation.firmId, conversation.id, member.phone, message.id));
    recipients.push({
      phone: member.phone,
      framing: first ? firstFraming : framing,
      key: `${message.id}:${member.contactId}`,
    });
  }
  for (const r of recipients) requireFits(body, r.framing, texting.maxSegments);
  for (const r of recipients) {
    const queued = await queueDelivery(tx).execute({
      firmId: conversation.firmId,
      messageId: message.id,
      recipient: r.phone,
      segments: countSegments(framedText(body, r.framing)),
      conversationId: conversation.id,
      updatedAt: message.createdAt,
    });
    input.deliveries.push(...queued);
    const payload: SmsSendPayload = {
      kind: 'message',
      firmId: conversation.firmId,
      conversationId: conversation.id,
      messageId: message.id,
      from: conversation.firmPhone as string,
      to: r.phone,
      prefix: r.framing.prefix,
      footer: r.framing.footer,
    };
    await appendOutbox(tx, {
      firmId: conversation.firmId,
      topic: SMS_SEND_TOPIC,
      payload,
      idempotencyKey: r.key,
    });
  }
  return [];
}

/** Texting the client of a secure chat, as a messageStored listener. */
export const secureChatTexting: MessageStoredListener = {
  actsOn: (draft) => textsClient(draft.conversation, draft.message),
  run: queueSecureChatSms,
};
