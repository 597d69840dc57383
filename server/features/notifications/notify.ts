import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { notifications } from '../../platform/db/schema';
import { notifiedMembers } from '../conversations/access';
import type { MessageStoredListener, MessageToStore, StoredMessage } from '../conversations/plugins';
import { presentNotification } from './presenter';

/** The title of a new-message notification: who wrote, never what. */
export function messageNotificationTitle(author: string | null): string {
  return author ? `New message from ${author}` : 'New message';
}

/** The users a message notifies: its unmuted user members but its author; nobody for a system entry. */
function addresseesOf(draft: Pick<MessageToStore, 'message' | 'members'>): string[] {
  const { message } = draft;
  if (message.kind === 'system') return [];
  const authorIsUser = message.authorType === 'user';
  return notifiedMembers(draft.members).filter((id) => !(authorIsUser && id === message.authorId));
}

/**
 * An in-app notification of the message for each unmuted user member other than its author, and a
 * `notification.created` event addressed to that user alone. System entries notify nobody.
 */
export async function notifyMembersOfMessage(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  input: Pick<StoredMessage, 'conversation' | 'message' | 'members' | 'authorName'>,
): Promise<PublishedEvent[]> {
  const { conversation, message } = input;
  const addressees = addresseesOf(input);
  if (addressees.length === 0) return [];
  const title = messageNotificationTitle(input.authorName);
  const now = deps.clock();
  const rows = await tx
    .insert(notifications)
    .values(
      addressees.map((userId) => ({
        firmId: conversation.firmId,
        id: uuidv7(),
        userId,
        kind: 'message.received',
        title,
        conversationId: conversation.id,
        messageId: message.id,
        matterId: conversation.matterId,
        createdAt: now,
      })),
    )
    .returning();
  return rows.map((row) =>
    busEvent('notification.created', row.firmId, { userIds: [row.userId] }, presentNotification(row)),
  );
}

/** Notifying a message's members, as a messageStored listener. */
export const memberNotifications: MessageStoredListener = {
  actsOn: (draft) => addresseesOf(draft).length > 0,
  run: notifyMembersOfMessage,
};
