import { and, eq, type Placeholder, sql } from 'drizzle-orm';
import type { WithSubquery } from 'drizzle-orm/subquery';
import { v7 as uuidv7 } from 'uuid';
import type { MessageOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Db, Executor, Tx } from '../../platform/db/client';
import { nameOf } from '../../platform/db/names';
import { preparedOnce } from '../../platform/db/prepared-once';
import { conversationMembers, conversations, messages } from '../../platform/db/schema';
import { conflict } from '../../platform/http/problem';
import { readAudience } from './access';
import { loadConversationKey, messageAad, sealText } from './message-crypto';
import { waitingEffect } from './model';
import type { ConversationPlugins, MessageToStore, StoredMessage as StoredMessageOf } from './plugins';
import { presentMessage } from './presenter';
import type { ConversationRow, MessageRow, UserMember } from './queries';

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
  /** The conversation's user members, when the caller has just read them (loadConversationFor). */
  members?: readonly UserMember[];
  /** Refuse (409 conversation-ended) when the conversation is no longer open as the message is written. */
  requireOpen?: boolean;
  /**
   * The caller looked the client-chosen id up and found nothing: the insert alone
   * settles a concurrent retry, so it is not looked up again.
   */
  idIsNew?: boolean;
}

export interface StoredMessage {
  message: MessageRow;
  /** False when a message with this id already existed in the conversation (nothing was changed). */
  created: boolean;
  /** To publish after commit: `message.created` and whatever the fan-out produced. */
  events: PublishedEvent[];
  /** The staff presentation of a new message, as sent in `message.created` (absent for an existing one). */
  view?: MessageOut;
  /** The conversation as the new message left it (activity, waiting time; absent for an existing one). */
  conversation?: ConversationRow;
}

const messageById = preparedOnce((ex) =>
  ex
    .select()
    .from(messages)
    .where(and(eq(messages.firmId, sql.placeholder('firmId')), eq(messages.id, sql.placeholder('id'))))
    .prepare('parley_message_by_id'),
);

/** The message with this id in the firm, if any. */
export async function findMessage(ex: Executor, firmId: string, id: string): Promise<MessageRow | null> {
  const [row] = await messageById(ex).execute({ firmId, id });
  return row ?? null;
}

function existing(row: MessageRow, conversation: ConversationRow): StoredMessage {
  if (row.conversationId !== conversation.id)
    throw conflict('message-id-taken', 'A message with this id already exists in another conversation.');
  return { message: row, created: false, events: [] };
}

/** What the messageStored listeners are shown of a message before it is written. */
export function draftOf(input: NewMessage & { members: readonly UserMember[] }): MessageToStore {
  return {
    conversation: input.conversation,
    members: input.members,
    message: {
      authorType: input.author.type,
      authorId: input.author.id,
      visibility: input.visibility ?? 'public',
      kind: input.kind ?? 'message',
      source: input.source,
      channel: input.channel ?? null,
    },
  };
}

/** Whether any messageStored listener acts on the message (writes or may refuse it). */
export function listenersActOn(plugins: Pick<ConversationPlugins, 'messageStored'>, draft: MessageToStore) {
  return plugins.messageStored.some((listener) => listener.actsOn(draft));
}

/**
 * Stores a message encrypted with the conversation key, inside the caller's transaction.
 * Idempotent by id: the same id in the same conversation answers the stored message (created
 * false, no side effects); the same id elsewhere is a 409. Moves the conversation's activity and
 * waiting time, marks the message read for its author, then hands it with its plaintext to the
 * messageStored listeners that act on it (deps.conversations).
 *
 * The hot path of Parley (issue 11): the insert, the conversation's activity and the author's read
 * position are one statement, the members are read once (or passed in by a caller that has them)
 * for the listeners, the audience and the author's name, and the answer is built from what was
 * written instead of read back.
 */
export async function storeMessage(tx: Tx, deps: Deps, input: NewMessage): Promise<StoredMessage> {
  return store(tx, deps, input, async (stored) => {
    const fanOut: PublishedEvent[] = [];
    for (const listener of deps.conversations.messageStored)
      if (listener.actsOn(stored)) fanOut.push(...(await listener.run(tx, deps, stored)));
    return fanOut;
  });
}

/**
 * storeMessage for a message no listener acts on (listenersActOn is false: a note, a message to a
 * conversation nobody else is notified of), with no transaction: its one write statement is atomic
 * on its own, and saves the round trips of BEGIN and COMMIT. The caller publishes the events.
 */
export async function storeMessageAlone(
  db: Db,
  deps: Deps,
  input: NewMessage & { members: readonly UserMember[] },
): Promise<StoredMessage> {
  if (listenersActOn(deps.conversations, draftOf(input)))
    throw new Error('storeMessageAlone: a listener acts on this message; store it in a transaction');
  return store(db, deps, input, async () => []);
}

async function store(
  ex: Executor,
  deps: Deps,
  input: NewMessage,
  react: (stored: StoredMessageOf) => Promise<PublishedEvent[]>,
): Promise<StoredMessage> {
  const { conversation } = input;
  const firmId = conversation.firmId;
  const id = input.id ?? uuidv7();
  if (input.id && !input.idIsNew) {
    const found = await findMessage(ex, firmId, id);
    if (found) return existing(found, conversation);
  }
  const key = await loadConversationKey(ex, deps.keyring, firmId, conversation.id);
  const now = deps.clock();
  const message: MessageRow = {
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
  };
  const current = await writeMessage(ex, message, { requireOpen: input.requireOpen ?? false });
  if (!current) {
    // Nothing was written: a concurrent retry with the same id won the race (a resend, or the id is
    // taken elsewhere), or, with requireOpen, the conversation ended since it was read (the insert
    // selects its values only while the conversation is open).
    const found = await findMessage(ex, firmId, id);
    if (found) return existing(found, conversation);
    throw conflict('conversation-ended', 'This conversation has ended; start a new one to write again.');
  }

  // The members (unless the caller read them) and the team's viewers, in one read.
  const { members, audience } = await readAudience(
    deps.conversations.rules,
    ex,
    firmId,
    current,
    input.members,
  );
  const stored: StoredMessageOf = {
    conversation: current,
    message,
    body: input.body,
    members,
    authorName: await authorNameOf(ex, message, members),
    deliveries: [],
  };
  const fanOut = await react(stored);
  const view = newMessageView(stored);
  const created = busEvent('message.created', firmId, audience, {
    conversationId: current.id,
    message: view,
  });
  return { message, created: true, events: [created, ...fanOut], view, conversation: current };
}

/** What decides the text of writeMessage's statement. */
interface WriteShape {
  /** A user or contact wrote it: their read position moves too. */
  byMember: boolean;
  effect: ReturnType<typeof waitingEffect>;
  requireOpen: boolean;
}

const MESSAGE_COLUMNS = [
  'firmId',
  'id',
  'conversationId',
  'authorType',
  'authorId',
  'bodySealed',
  'format',
  'visibility',
  'kind',
  'source',
  'channel',
  'createdAt',
] as const satisfies readonly (keyof MessageRow)[];

/**
 * The message's values (MESSAGE_COLUMNS, in the table's order), selected only while its conversation
 * is open, whose row the select locks: a close committed meanwhile is waited for and seen, so nothing
 * is inserted into a conversation that ended, even by a statement that commits on its own with no
 * transaction to roll it back (storeMessageAlone). The update that follows would lock the row anyway.
 */
function valuesWhileOpen(value: (name: string) => Placeholder) {
  const c = conversations;
  return sql`select ${value('firmId')}::uuid, ${value('id')}::uuid, ${value('conversationId')}::uuid,
      ${value('authorType')}::text, ${value('authorId')}::uuid, ${value('bodySealed')}::text,
      ${value('format')}::text, ${value('visibility')}::text, ${value('kind')}::text,
      ${value('source')}::text, ${value('channel')}::text, ${value('now')}::timestamptz
    where exists (select 1 from ${c} where ${c.firmId} = ${value('firmId')}
      and ${c.id} = ${value('conversationId')} and ${c.status} = 'open' for update)`;
}

function buildWrite(ex: Executor, shape: WriteShape) {
  const value = (name: string) => sql.placeholder(name);
  const row = Object.fromEntries(MESSAGE_COLUMNS.map((c) => [c, value(c)])) as unknown as MessageRow;
  const insert = ex.insert(messages);
  const inserted = ex
    .$with('inserted')
    .as(
      (shape.requireOpen ? insert.select(valuesWhileOpen(value)) : insert.values(row))
        .onConflictDoNothing()
        .returning({ id: messages.id }),
    );
  const wasInserted = sql`exists (select 1 from ${inserted})`;
  const ctes: WithSubquery[] = [inserted];
  if (shape.byMember) {
    const readByAuthor = ex.$with('read_by_author').as(
      ex
        .update(conversationMembers)
        .set({ lastReadMessageId: sql`${value('id')}`, lastReadAt: sql`${value('now')}::timestamptz` })
        .where(
          and(
            eq(conversationMembers.firmId, value('firmId')),
            eq(conversationMembers.conversationId, value('conversationId')),
            eq(conversationMembers.memberType, value('authorType')),
            eq(conversationMembers.memberId, value('authorId')),
            wasInserted,
          ),
        )
        .returning({ id: conversationMembers.memberId }),
    );
    ctes.push(readByAuthor);
  }
  const now = sql`${value('now')}::timestamptz`;
  return ex
    .with(...ctes)
    .update(conversations)
    .set({
      lastMessageAt: now,
      updatedAt: now,
      ...(shape.effect === 'start'
        ? { waitingSince: sql`coalesce(${conversations.waitingSince}, ${now})` }
        : {}),
      ...(shape.effect === 'clear' ? { waitingSince: null } : {}),
    })
    .where(
      and(
        eq(conversations.firmId, value('firmId')),
        eq(conversations.id, value('conversationId')),
        shape.requireOpen ? eq(conversations.status, 'open') : undefined,
        wasInserted,
      ),
    )
    .returning()
    .prepare(
      `parley_write_message_${shape.byMember ? 'member' : 'system'}_${shape.effect}_${shape.requireOpen ? 'open' : 'any'}`,
    );
}

/** One statement per shape, built once (the message path's hottest statement). */
const writeStatements = new Map<string, ReturnType<typeof preparedOnce<ReturnType<typeof buildWrite>>>>();

function writeStatement(shape: WriteShape) {
  const key = `${shape.byMember}:${shape.effect}:${shape.requireOpen}`;
  let statement = writeStatements.get(key);
  if (!statement) {
    statement = preparedOnce((ex) => buildWrite(ex, shape));
    writeStatements.set(key, statement);
  }
  return statement;
}

/**
 * Inserts the message and, only when it was inserted, moves the conversation's activity and waiting
 * time and the author's read position: one statement. Answers the conversation as updated, or null
 * when nothing was written (the id was taken, or `requireOpen` and the conversation is no longer open).
 */
async function writeMessage(
  ex: Executor,
  message: MessageRow,
  options: { requireOpen: boolean },
): Promise<ConversationRow | null> {
  const statement = writeStatement({
    byMember: message.authorType !== 'system' && message.authorId !== null,
    effect: waitingEffect(message),
    requireOpen: options.requireOpen,
  });
  const [updated] = await statement(ex).execute({ ...message, now: message.createdAt.toISOString() });
  return updated ?? null;
}

/** The author's display name: from the members read anyway when the author is one of them. */
async function authorNameOf(ex: Executor, message: MessageRow, members: readonly UserMember[]) {
  if (message.authorType === 'user') {
    const member = members.find((m) => m.userId === message.authorId);
    if (member) return member.name;
  }
  return nameOf(ex, message.firmId, { type: message.authorType, id: message.authorId });
}

/**
 * A message just stored as the API answers it: its deliveries are those the listeners queued, and
 * nobody but its author has read it yet (its author is never among its readers).
 */
function newMessageView(stored: StoredMessageOf): MessageOut {
  const deliveries = [...stored.deliveries].sort(
    (a, b) => a.channel.localeCompare(b.channel) || a.recipient.localeCompare(b.recipient),
  );
  return presentMessage(stored.message, {
    body: stored.body,
    authorName: stored.authorName,
    deliveries,
    readBy: [],
  });
}
