import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { nameOf } from '../../platform/db/names';
import { messages, notifications } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { loadConversation } from '../conversations/queries';
import { auditConversationRead, decryptBodies } from '../conversations/read-message-bodies';
import { type NotificationRow, presentNotification } from './presenter';
import { stillVisible } from './thread-membership';

/**
 * One of the caller's notifications with the text it announces and the conversation's client, so
 * it can be read and acted on in place (e.g. "Start a new thread" after a text to an ended one).
 * The text is shown only while the caller may open the conversation, and reading it is audited;
 * otherwise the answer says access was lost. Another user's notification is 404.
 */
export async function getNotification(
  deps: Pick<Deps, 'db' | 'keyring' | 'clock' | 'conversations'>,
  input: { actor: StaffActor; ip?: string; notificationId: string },
) {
  const { actor } = input;
  const [row] = await deps.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.firmId, actor.firmId),
        eq(notifications.userId, actor.userId),
        eq(notifications.id, input.notificationId),
      ),
    );
  if (!row) throw notFound('notification');
  const base = presentNotification(row as NotificationRow);
  const none = {
    ...base,
    accessible: row.conversationId === null,
    text: null,
    client: null,
    conversationStatus: null,
  };
  if (!row.conversationId) return none;
  const visible = await stillVisible(deps.db, deps.conversations.rules, actor, [row.conversationId]);
  const conversation = visible.has(row.conversationId)
    ? await loadConversation(deps.db, actor.firmId, row.conversationId)
    : null;
  if (!conversation) return { ...none, accessible: false };

  const contactName = await nameOf(deps.db, actor.firmId, { type: 'contact', id: conversation.contactId });
  const contact =
    conversation.contactId && contactName !== null ? { id: conversation.contactId, name: contactName } : null;
  const [message] = row.messageId
    ? await deps.db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.firmId, actor.firmId),
            eq(messages.id, row.messageId),
            eq(messages.conversationId, conversation.id),
          ),
        )
    : [];
  let text: string | null = null;
  if (message) {
    [text = null] = await decryptBodies(deps.db, deps, conversation, [message]);
    await auditConversationRead(deps.db, deps, {
      actor,
      ip: input.ip,
      conversation,
      messageIds: [message.id],
      member: true,
    });
  }
  return {
    ...base,
    accessible: true,
    text,
    client: contact ? { ...contact, phone: conversation.contactPhone } : null,
    conversationStatus: conversation.status,
  };
}
