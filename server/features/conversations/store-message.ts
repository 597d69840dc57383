import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { MessageOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { conversationMembers, conversations, messages } from '../../platform/db/schema';
import { conflict } from '../../platform/http/problem';
import { conversationAudience } from './access';
import { loadConversationKey, messageAad, sealText } from './message-crypto';
import { messageView } from './message-views';
import { nextWaitingSince } from './model';
import type { ConversationRow, MessageRow } from './queries';

export interface NewMessage {
  conversation: ConversationRow;
  /** Client-chosen id (idempotent send); a new UUIDv7 when absent. */
  id?: string;
  author: { type: 'user' | 'contact' | 'system'; id: string | null };
  body: string;
  format?: 'text' | 'html';
  visibility?: 'public' | 'note' | 'internal';
  kind?: 'message' | 'status' | 'system';
  /** web | sms | portal | email | api | secure */
  source: string;
  /** Message Center: the customer channel (sms | secure); null elsewhere. */
  channel?: string | null;
}

export interface StoredMessage {
  message: MessageRow;
  /** False when a message with this id already existed in the conversation (nothing was changed). */
  created: boolean;
  /** To publish after commit: `message.created` and whatever the fan-out produced. */
  events: PublishedEvent[];
  /** The staff presentation of a new message, as sent in `message.created` (absent for an existing one). */
  view?: MessageOut;
}

/** The message with this id in the firm, if any. */
export async function findMessage(tx: Tx, firmId: string, id: string): Promise<MessageRow | null> {
  const [row] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.firmId, firmId), eq(messages.id, id)));
  return row ?? null;
}

function existing(row: MessageRow, conversation: ConversationRow): StoredMessage {
  if (row.conversationId !== conversation.id)
    throw conflict('message-id-taken', 'A message with this id already exists in another conversation.');
  return { message: row, created: false, events: [] };
}

/**
 * Stores a message encrypted with the conversation key, inside the caller's transaction.
 * Idempotent by id: the same id in the same conversation answers the stored message (created
 * false, no side effects); the same id elsewhere is a 409. Moves the conversation's activity and
 * waiting time, marks the message read for its author, then hands it with its plaintext to the
 * messageStored listeners (deps.conversations).
 */
export async function storeMessage(tx: Tx, deps: Deps, input: NewMessage): Promise<StoredMessage> {
  const { conversation } = input;
  const firmId = conversation.firmId;
  const id = input.id ?? uuidv7();
  if (input.id) {
    const found = await findMessage(tx, firmId, id);
    if (found) return existing(found, conversation);
  }
  const key = await loadConversationKey(tx, deps.keyring, firmId, conversation.id);
  const now = deps.clock();
  const [inserted] = await tx
    .insert(messages)
    .values({
      firmId,
      id,
      conversationId: conversation.id,
      authorType: input.author.type,
      authorId: input.author.id,
      bodySealed: sealText(key, input.body, messageAad(conversation.id, id)),
      format: input.format ?? 'text',
      visibility: input.visibility ?? 'public',
      kind: input.kind ?? 'message',
      source: input.source,
      channel: input.channel ?? null,
      createdAt: now,
    })
    // A concurrent retry with the same id may have won the race; it then answers as a resend.
    .onConflictDoNothing()
    .returning();
  if (!inserted) return existing((await findMessage(tx, firmId, id)) as MessageRow, conversation);
  const message = inserted;

  const waitingSince = nextWaitingSince(conversation.waitingSince, message);
  const [updated] = await tx
    .update(conversations)
    .set({ lastMessageAt: now, waitingSince, updatedAt: now })
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, conversation.id)))
    .returning();
  if (input.author.type !== 'system' && input.author.id)
    await tx
      .update(conversationMembers)
      .set({ lastReadMessageId: id, lastReadAt: now })
      .where(
        and(
          eq(conversationMembers.firmId, firmId),
          eq(conversationMembers.conversationId, conversation.id),
          eq(conversationMembers.memberType, input.author.type),
          eq(conversationMembers.memberId, input.author.id),
        ),
      );

  const current = updated ?? conversation;
  const fanOut: PublishedEvent[] = [];
  for (const listener of deps.conversations.messageStored)
    fanOut.push(...(await listener(tx, deps, { conversation: current, message, body: input.body })));
  const view = await messageView(tx, deps, current, message, input.body);
  const created = busEvent(
    'message.created',
    firmId,
    await conversationAudience(deps.conversations.rules, tx, firmId, current),
    {
      conversationId: current.id,
      message: view,
    },
  );
  return { message, created: true, events: [created, ...fanOut], view };
}
