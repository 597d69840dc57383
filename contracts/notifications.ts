import { z } from 'zod';

export const notificationOut = z.object({
  id: z.string(),
  kind: z.string().describe('message.received | …'),
  title: z.string().describe('What happened, without message content'),
  conversationId: z.string().nullable(),
  messageId: z.string().nullable(),
  matterId: z.string().nullable(),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type NotificationOut = z.infer<typeof notificationOut>;

export const readAllOut = z.object({ updated: z.number().int().describe('Notifications newly marked read') });
