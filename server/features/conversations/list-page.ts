import { and, desc, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { isAnyWord } from '../../platform/db/list-sql';
import { contacts, conversations } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { type ConversationRules, firstOfMyTeams, teamsOfColumn, visibleConversations } from './access';
import { myMembershipColumn } from './conversation-views';
import { newestMessageColumn } from './last-message-preview';
import type { ListConversationsQuery } from './schemas';

// The statement of a conversation list's page. Its text depends only on the choices in PageShape
// (the caller's role and permissions, the kind, the filter and which other filters are set), so it
// is built once per shape and kept (Database.builtOnce): built, it is larger than the work of running
// it. Every value is a placeholder, filled from pageValues at each call.

// Lists are ordered by latest activity: the last message, or creation for a conversation without any.
const activity = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;

type Filter = NonNullable<ListConversationsQuery['filter']>;

/** What the page statement's text depends on. */
export interface PageShape {
  role: string;
  permissions: readonly string[];
  kind?: string;
  filter?: Filter;
  cursor: boolean;
  matterId: boolean;
  contactId: boolean;
  teamId: boolean;
  /** The client search: none, by name, or by name or phone digits (three or more). */
  q: 'none' | 'name' | 'name or phone';
}

/** A page's parameters by placeholder name. */
export type PageValues = Record<string, string | number>;

const digitsOf = (q: string) => q.replace(/\D/g, '');

/** The shape and the values of the page the query asks for. */
export function pageOf(
  actor: StaffActor,
  query: ListConversationsQuery,
  position: readonly [string, string] | null,
): { shape: PageShape; values: PageValues } {
  // The Message Center dashboard opens on Open.
  const filter = query.filter ?? (query.kind === 'sms' ? 'open' : undefined);
  const digits = query.q ? digitsOf(query.q) : '';
  const shape: PageShape = {
    role: actor.role,
    permissions: [...actor.permissions].sort(),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(filter ? { filter } : {}),
    cursor: position !== null,
    matterId: query.matterId !== undefined,
    contactId: query.contactId !== undefined,
    teamId: query.teamId !== undefined,
    q: !query.q ? 'none' : digits.length < 3 ? 'name' : 'name or phone',
  };
  const values: PageValues = { firmId: actor.firmId, userId: actor.userId, limit: query.limit + 1 };
  if (position) [values.cursorTime, values.cursorId] = position;
  if (query.matterId) values.matterId = query.matterId;
  if (query.contactId) values.contactId = query.contactId;
  if (query.teamId) values.teamId = query.teamId;
  if (query.q) {
    values.qName = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    values.qPhone = `%${digits}%`;
  }
  return { shape, values };
}

/** The key builtOnce keeps a shape's statement under. */
export function pageKey(shape: PageShape): string {
  return `conversation-page:${JSON.stringify(shape)}`;
}

/** A placeholder where the builders take a value. */
export const value = (name: string) => sql.placeholder(name) as unknown as string;

/**
 * The caller as the access builders see them when a statement is built once per shape: role and
 * permissions decide its text, the firm and user ids are the values `firmId` and `userId`.
 */
export function actorOfShape(shape: { role: string; permissions: readonly string[] }): StaffActor {
  return {
    kind: 'user',
    via: 'session',
    role: shape.role,
    permissions: shape.permissions,
    firmId: value('firmId'),
    userId: value('userId'),
  } as unknown as StaffActor;
}

/**
 * Conversations whose client's name contains the text, or whose client phone contains its digits
 * (so "555 0143", "(202) 555-0143" and "+12025550143" all find +12025550143).
 */
function matchesClient(byPhone: boolean): SQL {
  const name = sql`exists (select 1 from ${contacts} where ${contacts.firmId} = ${value('firmId')}
    and ${contacts.id} = ${conversations.contactId}
    and ${contacts.name} ilike ${value('qName')})`;
  if (!byPhone) return name;
  return or(name, sql`${conversations.contactPhone} like ${value('qPhone')}`) as SQL;
}

function filterConditions(shape: PageShape, userId: string): SQL[] {
  const open = () => isAnyWord(conversations.status, ['open']);
  switch (shape.filter) {
    case 'open':
      return [open()];
    case 'closed':
      // Message Center conversations close and never end: the plain test is the one its index is for.
      return [isAnyWord(conversations.status, shape.kind === 'sms' ? ['closed'] : ['ended', 'closed'])];
    case 'ended':
      return [isAnyWord(conversations.status, ['ended'])];
    case 'waiting':
      return [open(), isNotNull(conversations.waitingSince)];
    case 'unassigned':
      return [open(), isNull(conversations.assigneeId)];
    case 'mine':
      // Message Center's Just Mine: the open conversations the caller claimed.
      return shape.kind === 'sms'
        ? [open(), eq(conversations.assigneeId, userId)]
        : [or(eq(conversations.createdBy, userId), eq(conversations.assigneeId, userId)) as SQL];
    default:
      return [];
  }
}

/** Builds the page statement of a shape, prepared under `name`. */
export function buildPage(db: Db, rules: ConversationRules, shape: PageShape, name: string) {
  const actor = actorOfShape(shape);
  const conds: (SQL | undefined)[] = [];
  if (shape.cursor)
    conds.push(
      sql`(${activity}, ${conversations.id}) < (${value('cursorTime')}::timestamptz, ${value('cursorId')}::uuid)`,
    );
  if (shape.kind) conds.push(isAnyWord(conversations.kind, [shape.kind]));
  if (shape.matterId) conds.push(eq(conversations.matterId, value('matterId')));
  if (shape.contactId) conds.push(eq(conversations.contactId, value('contactId')));
  if (shape.teamId) conds.push(eq(conversations.teamId, value('teamId')));
  conds.push(...filterConditions(shape, actor.userId));
  if (shape.q !== 'none') conds.push(matchesClient(shape.q === 'name or phone'));
  // "nulls last" (ids are never null) as the dashboard indexes spell it, so they deliver this order.
  const order = [desc(activity), sql`${conversations.id} desc nulls last`];
  const candidates = shape.kind
    ? firstOfMyTeams(
        rules,
        actor,
        shape.kind,
        (teamId) => sql`select ${conversations.id} from ${conversations}
          where ${and(eq(conversations.firmId, actor.firmId), sql`${conversations.teamId} = ${teamId}`, ...conds)}
          order by ${sql.join(order, sql`, `)} limit ${value('limit')}`,
      )
    : undefined;
  if (candidates) conds.push(sql`${conversations.id} = any(${candidates})`);
  return db
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
    .where(and(visibleConversations(rules, actor), ...conds))
    .orderBy(...order)
    .limit(sql.placeholder('limit'))
    .prepare(name);
}
