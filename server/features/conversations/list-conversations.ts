import { and, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { conversations } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination';
import { visibleConversations } from './access';
import { conversationSummaries } from './conversation-views';
import type { ListConversationsQuery } from './schemas';

// Lists are ordered by latest activity: the last message, or creation for a conversation without any.
const activity = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;

/** The conversations the actor may see, most recently active first, with the list's filters. */
export async function listConversations(
  deps: Pick<Deps, 'db' | 'keyring'>,
  input: { actor: StaffActor; query: ListConversationsQuery },
) {
  const { actor, query } = input;
  const position = decodeCursor(query.cursor, ['time', 'uuid']);
  const conds: (SQL | undefined)[] = [visibleConversations(actor)];
  if (position)
    conds.push(sql`(${activity}, ${conversations.id}) < (${position[0]}::timestamptz, ${position[1]}::uuid)`);
  if (query.kind) conds.push(eq(conversations.kind, query.kind));
  if (query.matterId) conds.push(eq(conversations.matterId, query.matterId));
  if (query.contactId) conds.push(eq(conversations.contactId, query.contactId));
  if (query.teamId) conds.push(eq(conversations.teamId, query.teamId));
  switch (query.filter) {
    case 'open':
      conds.push(eq(conversations.status, 'open'));
      break;
    case 'closed':
      conds.push(inArray(conversations.status, ['ended', 'closed']));
      break;
    case 'waiting':
      conds.push(eq(conversations.status, 'open'), isNotNull(conversations.waitingSince));
      break;
    case 'unassigned':
      conds.push(eq(conversations.status, 'open'), isNull(conversations.assigneeId));
      break;
    case 'mine':
      conds.push(or(eq(conversations.createdBy, actor.userId), eq(conversations.assigneeId, actor.userId)));
      break;
  }
  const rows = await deps.db
    .select({
      row: conversations,
      activity: sql<string>`to_char(${activity} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(conversations)
    .where(and(...conds))
    .orderBy(desc(activity), desc(conversations.id))
    .limit(query.limit + 1);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: await conversationSummaries(
      deps.db,
      deps,
      actor,
      page.map((r) => r.row),
    ),
    nextCursor: hasMore && last ? encodeCursor([last.activity, last.row.id]) : null,
  };
}
