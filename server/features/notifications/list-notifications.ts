import { and, desc, eq, isNotNull, isNull, lt, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { notifications } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { presentNotification } from './presenter';
import type { ListNotificationsQuery } from './schemas';
import { stillVisible } from './thread-membership';

/** The caller's own notifications, newest first; nobody ever lists another user's. */
export async function listNotifications(
  deps: Pick<Deps, 'db' | 'conversations'>,
  input: { actor: StaffActor; query: ListNotificationsQuery },
) {
  const { actor, query } = input;
  const position = decodeCursor(query.cursor, ['uuid']);
  const conds: (SQL | undefined)[] = [
    eq(notifications.firmId, actor.firmId),
    eq(notifications.userId, actor.userId),
  ];
  if (position) conds.push(lt(notifications.id, position[0]));
  if (query.unread === true) conds.push(isNull(notifications.readAt));
  if (query.unread === false) conds.push(isNotNull(notifications.readAt));
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.id))
    .limit(query.limit + 1);
  const visible = await stillVisible(
    deps.db,
    deps.conversations.rules,
    actor,
    rows.flatMap((r) => (r.conversationId ? [r.conversationId] : [])),
  );
  return toPage(
    rows,
    query.limit,
    (r) => ({
      ...presentNotification(r),
      accessible: r.conversationId === null || visible.has(r.conversationId),
    }),
    (r) => [r.id],
  );
}
