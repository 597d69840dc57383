import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination';

export const listNotificationsQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only unread; false: only read; absent: all'),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export const notificationParams = z.object({ id: z.uuid().describe('Notification id') });
