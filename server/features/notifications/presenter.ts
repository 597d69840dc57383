import type { z } from 'zod';
import type { notifications } from '../../platform/db/schema';
import type { notificationOut } from './schemas';

export type NotificationRow = typeof notifications.$inferSelect;

/** A notification as its addressee sees it (it never holds message content). */
export function presentNotification(row: NotificationRow): z.infer<typeof notificationOut> {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    conversationId: row.conversationId,
    messageId: row.messageId,
    matterId: row.matterId,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
