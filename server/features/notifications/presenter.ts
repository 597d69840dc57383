import type { NotificationOut } from '../../../contracts/notifications';
import type { notifications } from '../../platform/db/schema';

export type NotificationRow = typeof notifications.$inferSelect;

/** A notification as its addressee sees it (it never holds message content). */
export function presentNotification(row: NotificationRow): NotificationOut {
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
