import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { notifications } from '../../platform/db/schema';
import { presentNotification } from './presenter';

/**
 * One in-app notification per user about a conversation (e.g. a Message Center transfer), each with
 * its `notification.created` event addressed to that user alone. The title says what happened,
 * never what was written.
 */
export async function notifyUsers(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  input: { firmId: string; userIds: readonly string[]; kind: string; title: string; conversationId: string },
): Promise<PublishedEvent[]> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return [];
  const now = deps.clock();
  const rows = await tx
    .insert(notifications)
    .values(
      userIds.map((userId) => ({
        firmId: input.firmId,
        id: uuidv7(),
        userId,
        kind: input.kind,
        title: input.title,
        conversationId: input.conversationId,
        createdAt: now,
      })),
    )
    .returning();
  return rows.map((row) =>
    busEvent('notification.created', row.firmId, { userIds: [row.userId] }, presentNotification(row)),
  );
}
