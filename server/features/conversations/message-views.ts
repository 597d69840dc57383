import { and, asc, eq } from 'drizzle-orm';
import type { MessageOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import type { Executor } from '../../platform/db/client';
import { isAnyId } from '../../platform/db/list-sql';
import { namesOf } from '../../platform/db/names';
import { conversationMembers, messageDeliveries, messages } from '../../platform/db/schema';
import { type MemberReadState, readersOf } from './model';
import { presentMessage } from './presenter';
import type { ConversationRow, MessageRow } from './queries';
import { decryptBodies } from './read-message-bodies';

/** Every member's read position (the message they last read, with its time). */
export async function memberReadStates(
  ex: Executor,
  conversation: Pick<ConversationRow, 'firmId' | 'id'>,
): Promise<MemberReadState[]> {
  const rows = await ex
    .select({
      type: conversationMembers.memberType,
      id: conversationMembers.memberId,
      lastReadId: conversationMembers.lastReadMessageId,
      lastReadAt: conversationMembers.lastReadAt,
      readCreatedAt: messages.createdAt,
    })
    .from(conversationMembers)
    .leftJoin(
      messages,
      and(
        eq(messages.firmId, conversationMembers.firmId),
        eq(messages.id, conversationMembers.lastReadMessageId),
      ),
    )
    .where(
      and(
        eq(conversationMembers.firmId, conversation.firmId),
        eq(conversationMembers.conversationId, conversation.id),
      ),
    );
  return rows.map((r) => ({
    type: r.type as 'user' | 'contact',
    id: r.id,
    lastRead: r.lastReadId && r.readCreatedAt ? { id: r.lastReadId, createdAt: r.readCreatedAt } : null,
    lastReadAt: r.lastReadAt,
  }));
}

/**
 * Messages as the API answers them: decrypted body, author name, deliveries and read receipts.
 * Decrypting is a read of content: callers audit it (see auditConversationRead). `known` bodies
 * (in the order of rows) are used as they are: a message just stored is not decrypted again.
 */
export async function messageViews(
  ex: Executor,
  deps: Pick<Deps, 'keyring'>,
  conversation: ConversationRow,
  rows: MessageRow[],
  known?: readonly string[],
): Promise<MessageOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const bodies = known ?? (await decryptBodies(ex, deps, conversation, rows));
  const deliveries = await ex
    .select()
    .from(messageDeliveries)
    .where(and(eq(messageDeliveries.firmId, conversation.firmId), isAnyId(messageDeliveries.messageId, ids)))
    .orderBy(asc(messageDeliveries.channel), asc(messageDeliveries.recipient));
  const readStates = await memberReadStates(ex, conversation);
  const names = await namesOf(
    ex,
    conversation.firmId,
    rows.map((r) => ({ type: r.authorType, id: r.authorId })),
  );
  return rows.map((row, i) =>
    presentMessage(row, {
      body: bodies[i] as string,
      authorName: row.authorId ? (names.get(row.authorId) ?? null) : null,
      deliveries: deliveries.filter((d) => d.messageId === row.id),
      readBy: readersOf(row, readStates),
    }),
  );
}

/** One message as the API answers it (with its plaintext `body` when the caller has it). */
export async function messageView(
  ex: Executor,
  deps: Pick<Deps, 'keyring'>,
  conversation: ConversationRow,
  row: MessageRow,
  body?: string,
): Promise<MessageOut> {
  const [view] = await messageViews(ex, deps, conversation, [row], body === undefined ? undefined : [body]);
  return view as MessageOut;
}
