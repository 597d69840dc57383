import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination';

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

export const listNotificationsQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only unread; false: only read; absent: all'),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export const notificationParams = z.object({ id: z.uuid().describe('Notification id') });

export const readAllOut = z.object({ updated: z.number().int().describe('Notifications newly marked read') });
