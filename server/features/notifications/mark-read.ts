import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { notifications } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { type NotificationRow, presentNotification } from './presenter';

const mine = (actor: StaffActor) =>
  and(eq(notifications.firmId, actor.firmId), eq(notifications.userId, actor.userId));

/** Marks one of the caller's notifications read (again: no change); another user's is 404. */
export async function markNotificationRead(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; notificationId: string },
) {
  const { actor, notificationId } = input;
  await deps.db
    .update(notifications)
    .set({ readAt: deps.clock() })
    .where(and(mine(actor), eq(notifications.id, notificationId), isNull(notifications.readAt)));
  const [row] = await deps.db
    .select()
    .from(notifications)
    .where(and(mine(actor), eq(notifications.id, notificationId)));
  if (!row) throw notFound('notification');
  return presentNotification(row as NotificationRow);
}

/** Marks every unread notification of the caller read; answers how many changed. */
export async function markAllNotificationsRead(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor },
) {
  const rows = await deps.db
    .update(notifications)
    .set({ readAt: deps.clock() })
    .where(and(mine(input.actor), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
