import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { DashboardCounts } from '../../../contracts/message-center';
import type { Deps } from '../../deps';
import type { Db } from '../../platform/db/client';
import { isAnyWord } from '../../platform/db/list-sql';
import { conversations, mcTeamCounts } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { type ConversationRules, visibleConversationParts, type WayIn } from '../conversations/access';
import { actorOfShape, value } from '../conversations/list-page';
import { ensureWorksConversations } from './policy';

type Filter = Exclude<keyof DashboardCounts, 'unread'>;

/** What each dashboard filter holds, as in GET /conversations?kind=sms&filter=… (list-conversations.ts). */
function filters(actor: StaffActor): Record<Filter, SQL> {
  const open = isAnyWord(conversations.status, ['open']);
  return {
    open,
    waiting: sql`${open} and ${conversations.waitingSince} is not null`,
    unassigned: sql`${open} and ${conversations.assigneeId} is null`,
    mine: sql`${open} and ${conversations.assigneeId} = ${actor.userId}::uuid`,
    closed: isAnyWord(conversations.status, ['closed']),
  };
}

const NAMES: Filter[] = ['open', 'waiting', 'unassigned', 'mine', 'closed'];

/**
 * How many conversations each dashboard filter holds for the caller (the same visibility and
 * filters as GET /conversations?kind=sms), optionally for one team, and the unread messages in the
 * open conversations the caller claimed (read state is kept for members, and claiming makes the
 * agent one). One query over the disjoint parts of what the caller sees: the parts decided by the
 * row's own columns (the kind a supervisor holds, the caller's teams) are summed from the teams'
 * kept counts (mc_team_counts), except Just Mine, which its partial index counts per agent; the
 * caller's own memberships are counted in one pass with FILTER clauses, and the unread count is a
 * scalar subquery over their claimed conversations. Its text depends only on the caller's role and
 * permissions and on whether a team is asked for, so it is built once per such shape and kept
 * (Database.builtOnce), the ids its values.
 */
export async function dashboardCounts(
  deps: Pick<Deps, 'database' | 'conversations'>,
  input: { actor: StaffActor; teamId?: string },
): Promise<DashboardCounts> {
  const { actor, teamId } = input;
  ensureWorksConversations(actor);
  const shape: CountsShape = {
    role: actor.role,
    permissions: [...actor.permissions].sort(),
    team: teamId !== undefined,
  };
  const statement = deps.database.builtOnce(`dashboard-counts:${JSON.stringify(shape)}`, (name) =>
    buildCounts(deps.database.genericPlans, deps.conversations.rules, shape, name),
  );
  const [row] = await statement.execute({
    firmId: actor.firmId,
    userId: actor.userId,
    ...(teamId !== undefined ? { teamId } : {}),
  });
  const counts = Object.fromEntries(NAMES.map((name) => [name, Number(row?.[name] ?? 0)])) as Record<
    Filter,
    number
  >;
  return { ...counts, unread: Number(row?.unread ?? 0) };
}

/** What the counts statement's text depends on. */
interface CountsShape {
  role: string;
  permissions: readonly string[];
  /** Narrowed to one team (its id a value). */
  team: boolean;
}

/** Builds the counts statement of a shape, prepared under `name`; its values are firmId, userId and teamId. */
function buildCounts(db: Db, rules: ConversationRules, shape: CountsShape, name: string) {
  const actor = actorOfShape(shape);
  const teamId = shape.team ? value('teamId') : undefined;
  const scope = and(
    isAnyWord(conversations.kind, ['sms']),
    teamId ? eq(conversations.teamId, teamId) : undefined,
  );
  const parts = visibleConversationParts(rules, actor, ['sms']);
  const byColumns = parts.filter((p): p is Exclude<WayIn, { via: 'member' }> => p.via !== 'member');
  const byMembership = parts.filter((p) => p.via === 'member').map((p) => p.where);
  const where = filters(actor);
  // Inner subqueries name conversations too; their columns resolve to their own FROM.
  const indexed = (name: Filter, part: WayIn) =>
    sql` + (select count(*) from ${conversations} where ${and(scope, where[name], part.where)})`;
  const kept = (name: Exclude<Filter, 'mine'>, part: (typeof byColumns)[number]) =>
    part.kinds.includes('sms')
      ? sql` + (select coalesce(sum(${mcTeamCounts[name]}), 0) from ${mcTeamCounts}
          where ${and(
            eq(mcTeamCounts.firmId, actor.firmId),
            teamId ? eq(mcTeamCounts.teamId, teamId) : undefined,
            part.via === 'team' ? sql`${mcTeamCounts.teamId} = any(${part.teams})` : undefined,
          )})`
      : sql``;
  const total = (name: Filter) =>
    sql<number>`(count(*) filter (where ${where[name]})${sql.join(
      byColumns.map((part) => (name === 'mine' ? indexed(name, part) : kept(name, part))),
    )})::int`;
  const team = teamId ? sql`and c.team_id = ${teamId}::uuid` : sql``;
  // Driven by the caller's claimed conversations (the partial index of Just Mine), not by their
  // memberships, which grow with every conversation they ever claimed: the membership and its read
  // position are looked up per claimed conversation (the lateral's limit keeps PostgreSQL from
  // joining every membership instead; the key allows one row anyway). The messages after it are one
  // range of messages_conversation: a row comparison with no OR beside it is a condition of the index
  // scan (nothing read: from the start), so read messages are not visited at all.
  const unread = sql<number>`(select count(*)::int from conversations c
      cross join lateral (select r.created_at, r.id from conversation_members cm
          left join messages r on r.firm_id = cm.firm_id and r.id = cm.last_read_message_id
        where cm.firm_id = c.firm_id and cm.conversation_id = c.id
          and cm.member_type = 'user' and cm.member_id = ${actor.userId}
        limit 1) as read
      join messages m on m.firm_id = c.firm_id and m.conversation_id = c.id
        and (m.created_at, m.id) > (coalesce(read.created_at, '-infinity'::timestamptz),
          coalesce(read.id, '00000000-0000-0000-0000-000000000000'::uuid))
      where c.firm_id = ${actor.firmId} and c.kind = 'sms' and c.status = 'open'
        and c.assignee_id = ${actor.userId}::uuid ${team}
        and not (m.author_type = 'user' and m.author_id is not distinct from ${actor.userId}::uuid))`;
  // Written for one plan: the kind and statuses are words of the text, ids its parameters.
  return db
    .select({
      open: total('open'),
      waiting: total('waiting'),
      unassigned: total('unassigned'),
      mine: total('mine'),
      closed: total('closed'),
      unread,
    })
    .from(conversations)
    .where(and(scope, byMembership.length > 0 ? or(...byMembership) : sql`false`))
    .prepare(name);
}
