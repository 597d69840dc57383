import { z } from 'zod';

export const notificationOut = z.object({
  id: z.string(),
  kind: z.string().describe('message.received | secure_chat.text_after_end | conversation.member_added | …'),
  title: z.string().describe('What happened, without message content'),
  conversationId: z.string().nullable(),
  messageId: z.string().nullable(),
  matterId: z.string().nullable(),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  accessible: z
    .boolean()
    .optional()
    .describe('False when the addressee can no longer open its conversation (lists and details only)'),
});
export type NotificationOut = z.infer<typeof notificationOut>;

/** One notification with what it is about: the message text and the client, when still accessible. */
export const notificationDetailOut = notificationOut.extend({
  text: z
    .string()
    .nullable()
    .describe('The message it announces (reading it is audited); null without access'),
  client: z
    .object({ id: z.string(), name: z.string(), phone: z.string().nullable() })
    .nullable()
    .describe("The conversation's client and phone (to start a new thread with them)"),
  conversationStatus: z.string().nullable().describe('open | ended | closed; null without access'),
});
export type NotificationDetailOut = z.infer<typeof notificationDetailOut>;

export const readAllOut = z.object({ updated: z.number().int().describe('Notifications newly marked read') });
