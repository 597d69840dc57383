import { and, desc, eq, or, sql } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { nameOf } from '../../platform/db/names';
import { conversations, messages, notifications, users } from '../../platform/db/schema';
import { conversationAudience } from '../conversations/access';
import { loadConversationKey, messageAad, sealText } from '../conversations/message-crypto';
import { messageView } from '../conversations/message-views';
import type { ConversationRow } from '../conversations/queries';
import { presentNotification } from '../notifications/presenter';

/** The notification kind of a client's text to an ended thread. */
export const TEXT_AFTER_END = 'secure_chat.text_after_end';

/** "Jane Roe texted +1 202 555 0900 after the thread ended": who and from which phone, never what. */
export function textAfterEndTitle(contactName: string | null, clientPhone: string): string {
  const phone = parsePhoneNumberFromString(clientPhone)?.formatInternational() ?? clientPhone;
  return `${contactName ?? 'A client'} texted ${phone} after the thread ended`;
}

/** The most recently ended secure chat between a firm number and a client phone. */
async function lastEndedThread(tx: Tx, firmId: string, firmPhone: string, clientPhone: string) {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.firmId, firmId),
        eq(conversations.kind, 'secure_chat'),
        eq(conversations.status, 'ended'),
        eq(conversations.firmPhone, firmPhone),
        eq(conversations.contactPhone, clientPhone),
      ),
    )
    .orderBy(desc(conversations.endedAt))
    .limit(1)
    .for('update');
  return row ?? null;
}

/**
 * Who hears of a text after the end: the thread's creator and every active holder of
 * secure_chat.view_all (admins hold every permission). Mutes are ignored: a mute silences an
 * ongoing conversation, and this text would otherwise reach nobody at the firm.
 */
async function addressees(tx: Tx, conversation: ConversationRow): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.firmId, conversation.firmId),
        eq(users.active, true),
        or(
          conversation.createdBy ? eq(users.id, conversation.createdBy) : undefined,
          eq(users.role, 'admin'),
          sql`'secure_chat.view_all' = any(${users.permissions})`,
        ),
      ),
    );
  return rows.map((r) => r.id);
}

function contactName(tx: Tx, conversation: ConversationRow): Promise<string | null> {
  return nameOf(tx, conversation.firmId, { type: 'contact', id: conversation.contactId });
}

/**
 * Keeps a client's text to a number whose thread has ended: stored encrypted on the last ended
 * thread of that (firm number, client phone) pair, after its end (which is how the archive marks
 * it as received after the end), and announced to the creator and the view_all holders with a
 * notification offering a new thread. The thread stays ended: no member is texted back, no
 * waiting alert starts. Null when no thread ever linked the pair.
 */
export async function keepTextAfterEnd(
  tx: Tx,
  deps: Pick<Deps, 'keyring' | 'clock' | 'conversations'>,
  input: { firmId: string; firmPhone: string; clientPhone: string; body: string },
): Promise<{ conversationId: string; messageId: string; events: PublishedEvent[] } | null> {
  const conversation = await lastEndedThread(tx, input.firmId, input.firmPhone, input.clientPhone);
  if (!conversation) return null;
  const { firmId } = conversation;
  const id = uuidv7();
  const now = deps.clock();
  const key = await loadConversationKey(tx, deps.keyring, firmId, conversation.id);
  const [message] = await tx
    .insert(messages)
    .values({
      firmId,
      id,
      conversationId: conversation.id,
      authorType: 'contact',
      authorId: conversation.contactId,
      bodySealed: sealText(key, input.body, messageAad(conversation.id, id)),
      source: 'sms',
      createdAt: now,
    })
    .returning();
  const [current] = await tx
    .update(conversations)
    .set({ lastMessageAt: now, updatedAt: now })
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, conversation.id)))
    .returning();
  const thread = current ?? conversation;
  const view = await messageView(tx, deps, thread, message as typeof messages.$inferSelect);
  const events: PublishedEvent[] = [
    busEvent(
      'message.created',
      firmId,
      await conversationAudience(deps.conversations.rules, tx, firmId, thread),
      {
        conversationId: thread.id,
        message: view,
      },
    ),
  ];
  const userIds = await addressees(tx, thread);
  if (userIds.length > 0) {
    const title = textAfterEndTitle(await contactName(tx, thread), input.clientPhone);
    const rows = await tx
      .insert(notifications)
      .values(
        userIds.map((userId) => ({
          firmId,
          id: uuidv7(),
          userId,
          kind: TEXT_AFTER_END,
          title,
          conversationId: thread.id,
          messageId: id,
          matterId: thread.matterId,
          createdAt: now,
        })),
      )
      .returning();
    for (const row of rows)
      events.push(
        busEvent('notification.created', firmId, { userIds: [row.userId] }, presentNotification(row)),
      );
  }
  return { conversationId: thread.id, messageId: id, events };
}
