import { z } from 'zod';

/** The outbox topic of outbound texts. */
export const SMS_SEND_TOPIC = 'sms.send';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);

/**
 * What an `sms.send` job carries: ids and numbers, never content. A `message` job texts a stored
 * message (decrypted at send time, so deleting the conversation first leaves nothing to send);
 * an `auto_reply` job texts one of Parley's fixed replies.
 */
export const smsSendPayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message'),
    firmId: z.uuid(),
    conversationId: z.uuid(),
    messageId: z.uuid(),
    /** The firm number the thread is linked to. */
    from: e164,
    /** The phone texted: the client's, or an added contact's. */
    to: e164,
    /** Names the sender before the body ("Firm – Name:"); not message content. */
    prefix: z.string().max(200).nullable().optional(),
    /** The firm's opt-out footer after the body, on the first text of a thread. */
    footer: z.string().max(200).nullable().optional(),
  }),
  z.object({
    kind: z.literal('auto_reply'),
    firmId: z.uuid(),
    /** Which fixed reply: the name a feature registered its text under (SmsReplies). */
    reply: z.string().min(1),
    from: e164,
    to: e164,
  }),
]);
export type SmsSendPayload = z.infer<typeof smsSendPayload>;
