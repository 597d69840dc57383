import { type AnyColumn, and, eq, getTableName, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import type { Executor } from '../../platform/db/client';
import { isAnyId } from '../../platform/db/list-sql';
import { contacts, conversationKeys, conversations, messages, users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { messageAad, openSealed } from './message-crypto';

/** How much of the last message a list row shows. */
export const SNIPPET_LENGTH = 80;

/** The start of a message on one line, cut at a word when it is long. */
export function snippetOf(body: string, length = SNIPPET_LENGTH): string {
  const flat = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What a list row shows of a conversation's newest message. */
export interface LastMessagePreview {
  authorType: 'user' | 'contact' | 'system';
  authorName: string | null;
  snippet: string;
  createdAt: string;
}

/**
 * The keys of a page of conversations: from this process's memory, and on the first one it does not
 * remember, the wrapped keys of the whole page in one query (not one query per conversation).
 */
function pageKeys(ex: Executor, deps: Pick<Deps, 'keyring'>, firmId: string, ids: string[]) {
  let wrapped: Promise<Map<string, string>> | undefined;
  const readWrapped = () => {
    wrapped ??= ex
      .select({ conversationId: conversationKeys.conversationId, wrappedKey: conversationKeys.wrappedKey })
      .from(conversationKeys)
      .where(and(eq(conversationKeys.firmId, firmId), isAnyId(conversationKeys.conversationId, ids)))
      .then((rows) => new Map(rows.map((r) => [r.conversationId, r.wrappedKey])));
    return wrapped;
  };
  return async (conversationId: string): Promise<Buffer> => {
    const key = await deps.keyring.rememberedConversationKey(ex, firmId, conversationId, async () =>
      (await readWrapped()).get(conversationId),
    );
    if (!key) throw notFound('conversation');
    return key;
  };
}

/** A conversation's newest message as the page's read answers it (a JSON object; the time as text). */
export interface NewestMessage {
  id: string;
  conversationId: string;
  authorType: string;
  authorId: string | null;
  /** The author's display name (a user's or a contact's; null for system entries and unknown ids). */
  authorName: string | null;
  bodySealed: string;
  createdAt: string;
}

/**
 * The newest message of each conversation as a column of the page's own read, so previews cost no
 * statement of their own: a correlated subquery, which PostgreSQL evaluates only for the rows the
 * page returns (after its sort and limit; when an index delivers the order, the scan stops there).
 */
export function newestMessageColumn(): SQL<NewestMessage | null> {
  // Every name spelled out in full: in a one-table read's select list Drizzle leaves column names
  // unqualified, and inside this subquery an unqualified name would be the message's own column.
  const m = (column: AnyColumn) => sql`${sql.identifier('newest')}.${sql.identifier(column.name)}`;
  const c = (column: AnyColumn) =>
    sql`${sql.identifier(getTableName(conversations))}.${sql.identifier(column.name)}`;
  const columns = [
    messages.id,
    messages.conversationId,
    messages.authorType,
    messages.authorId,
    messages.bodySealed,
    messages.createdAt,
  ];
  // The author's name as namesOf reads it (users by id for user authors, contacts for contact
  // authors), here so that the previews need no statement of their own.
  const author = (table: typeof users | typeof contacts) =>
    sql`(select ${table.name} from ${table}
      where ${table.firmId} = ${c(conversations.firmId)} and ${table.id} = ${m(messages.authorId)})`;
  // The newest one is picked first and only it is made JSON (not every message of the conversation).
  return sql<NewestMessage | null>`(select json_build_object('id', ${m(messages.id)},
      'conversationId', ${m(messages.conversationId)}, 'authorType', ${m(messages.authorType)},
      'authorId', ${m(messages.authorId)},
      'authorName', case ${m(messages.authorType)} when 'user' then ${author(users)}
        when 'contact' then ${author(contacts)} end,
      'bodySealed', ${m(messages.bodySealed)}, 'createdAt', ${m(messages.createdAt)})
    from (select ${sql.join(columns.map(m), sql`, `)}
      from ${messages} as ${sql.identifier('newest')}
      where ${m(messages.firmId)} = ${c(conversations.firmId)}
        and ${m(messages.conversationId)} = ${c(conversations.id)}
      order by ${m(messages.createdAt)} desc, ${m(messages.id)} desc limit 1) as ${sql.identifier('newest')})`;
}

/**
 * The newest messages of a page (read with it, newestMessageColumn, authors' names included) as
 * snippets. Decrypting them reads content, so one audit entry records which conversations' previews
 * the actor is shown. It is written while they are decrypted, not after: it names the same
 * conversations (the page's, each with its newest message), and the page waits for both. `ex` must be
 * the pool, which runs the two at once, not a transaction.
 */
export async function lastMessagePreviews(
  ex: Executor,
  deps: Pick<Deps, 'keyring' | 'clock'>,
  input: { actor: StaffActor; ip?: string; newest: readonly NewestMessage[] },
): Promise<Map<string, LastMessagePreview>> {
  const { actor, newest } = input;
  const out = new Map<string, LastMessagePreview>();
  if (newest.length === 0) return out;
  const ids = newest.map((m) => m.conversationId);
  const audit = recordAudit(
    ex,
    {
      ...auditActor(actor, input.ip),
      action: 'conversation.previews_read',
      targetType: 'conversation',
      targetId: null,
      details: { conversationIds: ids },
    },
    deps.clock(),
  );
  const decrypt = async () => {
    const keyOf = pageKeys(ex, deps, actor.firmId, ids);
    for (const message of newest) {
      const key = await keyOf(message.conversationId);
      const body = openSealed(key, message.bodySealed, messageAad(message.conversationId, message.id));
      out.set(message.conversationId, {
        authorType: message.authorType as LastMessagePreview['authorType'],
        authorName: message.authorId ? message.authorName : null,
        snippet: snippetOf(body),
        createdAt: new Date(message.createdAt).toISOString(),
      });
    }
  };
  await Promise.all([audit, decrypt()]);
  return out;
}
