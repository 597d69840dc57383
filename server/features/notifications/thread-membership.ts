import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Executor, Tx } from '../../platform/db/client';
import { isAnyId } from '../../platform/db/list-sql';
import { contacts, conversations, notifications, users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { type ConversationRules, canView, visibleConversations } from '../conversations/access';
import type { MembershipListener } from '../conversations/plugins';
import type { ConversationRow } from '../conversations/queries';
import { presentNotification } from './presenter';

/** The notification kind telling a user they were added to a conversation. */
export const ADDED_TO_THREAD = 'conversation.member_added';

/** "Alex Attorney added you to a thread with Jane Roe": who, and with whom, never content. */
export function addedTitle(by: string | null, client: string | null): string {
  const who = by ?? 'A colleague';
  return client ? `${who} added you to a thread with ${client}` : `${who} added you to a conversation`;
}

async function nameOf(tx: Tx, table: typeof users | typeof contacts, firmId: string, id: string | null) {
  if (!id) return null;
  const [row] = await tx
    .select({ name: table.name })
    .from(table)
    .where(and(eq(table.firmId, firmId), eq(table.id, id)));
  return row?.name ?? null;
}

/** Tells a user a colleague added them to a conversation (one notification and its event). */
async function notifyAddedToThread(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  input: { conversation: ConversationRow; userId: string; addedBy: string },
): Promise<PublishedEvent[]> {
  const { conversation } = input;
  const title = addedTitle(
    await nameOf(tx, users, conversation.firmId, input.addedBy),
    await nameOf(tx, contacts, conversation.firmId, conversation.contactId),
  );
  const [row] = await tx
    .insert(notifications)
    .values({
      firmId: conversation.firmId,
      id: uuidv7(),
      userId: input.userId,
      kind: ADDED_TO_THREAD,
      title,
      conversationId: conversation.id,
      matterId: conversation.matterId,
      createdAt: deps.clock(),
    })
    .returning();
  if (!row) return [];
  return [busEvent('notification.created', row.firmId, { userIds: [row.userId] }, presentNotification(row))];
}

/**
 * Removes a user's notifications of a conversation they can no longer see (removed from it, and
 * not a reader through a permission), so none leads to a thread they cannot open; the user's open
 * tabs drop them on `notification.removed`.
 */
async function forgetNotificationsOfLostThread(
  tx: Tx,
  rules: ConversationRules,
  input: { conversation: ConversationRow; userId: string },
): Promise<PublishedEvent[]> {
  const { conversation, userId } = input;
  const [user] = await tx
    .select({ role: users.role, permissions: users.permissions })
    .from(users)
    .where(and(eq(users.firmId, conversation.firmId), eq(users.id, userId)));
  const actor = { role: user?.role ?? '', permissions: user?.permissions ?? [] } as unknown as StaffActor;
  if (user && canView(rules, actor, conversation, false)) return [];
  const removed = await tx
    .delete(notifications)
    .where(
      and(
        eq(notifications.firmId, conversation.firmId),
        eq(notifications.userId, userId),
        eq(notifications.conversationId, conversation.id),
      ),
    )
    .returning({ id: notifications.id });
  if (removed.length === 0) return [];
  return [
    busEvent(
      'notification.removed',
      conversation.firmId,
      { userIds: [userId] },
      { ids: removed.map((r) => r.id) },
    ),
  ];
}

/**
 * The notifications side of a membership change (registered in bootstrap.ts): a user added by a
 * colleague is told; a user removed loses the notifications of a thread they can no longer open.
 */
export const notifyMembershipChange: MembershipListener = async (tx, deps, change) => {
  if (change.change === 'removed')
    return forgetNotificationsOfLostThread(tx, deps.conversations.rules, change);
  if (!change.by || change.by === change.userId) return [];
  return notifyAddedToThread(tx, deps, {
    conversation: change.conversation,
    userId: change.userId,
    addedBy: change.by,
  });
};

/** Which of the conversations the actor may still open (the others' notifications show "no longer have access"). */
export async function stillVisible(
  ex: Executor,
  rules: ConversationRules,
  actor: StaffActor,
  conversationIds: string[],
): Promise<Set<string>> {
  if (conversationIds.length === 0) return new Set();
  const rows = await ex
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(visibleConversations(rules, actor), isAnyId(conversations.id, conversationIds)));
  return new Set(rows.map((r) => r.id));
}
