import { and, desc, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { isAnyWord } from '../../platform/db/list-sql';
import { namesOf } from '../../platform/db/names';
import { contacts, conversations } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination';
import { firstOfMyTeams, teamsOfColumn, visibleConversations } from './access';
import { conversationSummaries, myMembershipColumn } from './conversation-views';
import { lastMessagePreviews, newestMessageColumn } from './last-message-preview';
import type { ListConversationsQuery } from './schemas';

// Lists are ordered by latest activity: the last message, or creation for a conversation without any.
const activity = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;

/**
 * Conversations whose client's name contains the text, or whose client phone contains its digits
 * (so "555 0143", "(202) 555-0143" and "+12025550143" all find +12025550143).
 */
function matchesClient(firmId: string, q: string): SQL {
  const digits = q.replace(/\D/g, '');
  const name = sql`exists (select 1 from ${contacts} where ${contacts.firmId} = ${firmId}
    and ${contacts.id} = ${conversations.contactId}
    and ${contacts.name} ilike ${`%${q.replace(/[\\%_]/g, '\\$&')}%`})`;
  if (digits.length < 3) return name;
  return or(name, sql`${conversations.contactPhone} like ${`%${digits}%`}`) as SQL;
}

/** The conversations the actor may see, most recently active first, with the list's filters. */
export async function listConversations(
  deps: Pick<Deps, 'database' | 'keyring' | 'clock' | 'conversations'>,
  input: { actor: StaffActor; ip?: string; query: ListConversationsQuery },
) {
  const { actor, query } = input;
  const position = decodeCursor(query.cursor, ['time', 'uuid']);
  const conds: (SQL | undefined)[] = [];
  if (position)
    conds.push(sql`(${activity}, ${conversations.id}) < (${position[0]}::timestamptz, ${position[1]}::uuid)`);
  if (query.kind) conds.push(isAnyWord(conversations.kind, [query.kind]));
  if (query.matterId) conds.push(eq(conversations.matterId, query.matterId));
  if (query.contactId) conds.push(eq(conversations.contactId, query.contactId));
  if (query.teamId) conds.push(eq(conversations.teamId, query.teamId));
  // The Message Center dashboard opens on Open.
  const filter = query.filter ?? (query.kind === 'sms' ? 'open' : undefined);
  switch (filter) {
    case 'open':
      conds.push(isAnyWord(conversations.status, ['open']));
      break;
    case 'closed':
      // Message Center conversations close and never end: the plain test is the one its index is for.
      conds.push(isAnyWord(conversations.status, query.kind === 'sms' ? ['closed'] : ['ended', 'closed']));
      break;
    case 'ended':
      conds.push(isAnyWord(conversations.status, ['ended']));
      break;
    case 'waiting':
      conds.push(isAnyWord(conversations.status, ['open']), isNotNull(conversations.waitingSince));
      break;
    case 'unassigned':
      conds.push(isAnyWord(conversations.status, ['open']), isNull(conversations.assigneeId));
      break;
    case 'mine':
      // Message Center's Just Mine: the open conversations the caller claimed.
      if (query.kind === 'sms')
        conds.push(isAnyWord(conversations.status, ['open']), eq(conversations.assigneeId, actor.userId));
      else
        conds.push(or(eq(conversations.createdBy, actor.userId), eq(conversations.assigneeId, actor.userId)));
      break;
  }
  if (query.q) conds.push(matchesClient(actor.firmId, query.q));
  // "nulls last" (ids are never null) as the dashboard indexes spell it, so they deliver this order.
  const order = [desc(activity), sql`${conversations.id} desc nulls last`];
  const candidates = query.kind
    ? firstOfMyTeams(
        deps.conversations.rules,
        actor,
        query.kind,
        (teamId) => sql`select ${conversations.id} from ${conversations}
          where ${and(eq(conversations.firmId, actor.firmId), sql`${conversations.teamId} = ${teamId}`, ...conds)}
          order by ${sql.join(order, sql`, `)} limit ${query.limit + 1}`,
      )
    : undefined;
  if (candidates) conds.push(sql`${conversations.id} = any(${candidates})`);
  // Every statement here is written for one plan (kinds and statuses as words, ids as parameters).
  const db = deps.database.genericPlans;
  const rows = await db
    .select({
      row: conversations,
      activity: sql<string>`to_char(${activity} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      // The caller's teams (for the abilities) come with the page: one subquery, not a statement more.
      myTeams: teamsOfColumn(actor.firmId, actor.userId),
      // So is each row's newest message, for its preview.
      newest: newestMessageColumn(),
      // And the caller's membership of each row, with its unread count.
      mine: myMembershipColumn(actor),
    })
    .from(conversations)
    .where(and(visibleConversations(deps.conversations.rules, actor), ...conds))
    .orderBy(...order)
    .limit(query.limit + 1);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  const pageRows = page.map((r) => r.row);
  // Rows answer the same teams; an empty page has none, and needs none.
  const myTeams = new Set(rows[0]?.myTeams ?? []);
  // Independent reads on the pool, so they overlap: the database answers one while this process
  // decrypts the previews of another.
  const [summaries, previews, creators] = await Promise.all([
    conversationSummaries(db, deps, actor, pageRows, 'list', {
      myTeams,
      myMemberships: new Map(page.map((r) => [r.row.id, r.mine])),
    }),
    lastMessagePreviews(db, deps, {
      actor,
      ip: input.ip,
      newest: page.flatMap((r) => (r.newest ? [r.newest] : [])),
    }),
    namesOf(
      db,
      actor.firmId,
      pageRows.map((r) => ({ type: 'user', id: r.createdBy })),
    ),
  ]);
  return {
    items: summaries.map((item) => ({
      ...item,
      lastMessage: previews.get(item.id) ?? null,
      creatorName: item.createdBy ? (creators.get(item.createdBy) ?? null) : null,
    })),
    nextCursor: hasMore && last ? encodeCursor([last.activity, last.row.id]) : null,
  };
}
