import { and, eq, sql } from 'drizzle-orm';
import type { DashboardCounts } from '../../../contracts/message-center';
import type { Deps } from '../../deps';
import { conversations } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { visibleConversations } from '../conversations/access';
import { ensureWorksConversations } from './policy';

/**
 * How many conversations each dashboard filter holds for the caller (the same visibility and
 * filters as GET /conversations?kind=sms), optionally for one team, and the unread messages in the
 * open conversations the caller claimed (read state is kept for members, and claiming makes the
 * agent one). One query: the filters are FILTER clauses over the caller's sms conversations, the
 * unread count a scalar subquery over their own claimed conversations.
 */
export async function dashboardCounts(
  deps: Pick<Deps, 'db' | 'conversations'>,
  input: { actor: StaffActor; teamId?: string },
): Promise<DashboardCounts> {
  const { actor, teamId } = input;
  ensureWorksConversations(actor);
  const team = teamId ? sql`and c.team_id = ${teamId}::uuid` : sql``;
  const unread = sql`(select count(*)::int from conversation_members cm
      join conversations c on c.firm_id = cm.firm_id and c.id = cm.conversation_id
        and c.kind = 'sms' and c.status = 'open' ${team}
      join messages m on m.firm_id = cm.firm_id and m.conversation_id = cm.conversation_id
      where cm.firm_id = ${actor.firmId} and cm.member_type = 'user' and cm.member_id = ${actor.userId}
        and not (m.author_type = 'user' and m.author_id is not distinct from ${actor.userId}::uuid)
        and (cm.last_read_message_id is null or (m.created_at, m.id) > (
          select r.created_at, r.id from messages r
          where r.firm_id = cm.firm_id and r.id = cm.last_read_message_id)))`;
  const [row] = await deps.db
    .select({
      open: sql<number>`count(*) filter (where ${conversations.status} = 'open')::int`,
      waiting: sql<number>`count(*) filter (where ${conversations.status} = 'open' and ${conversations.waitingSince} is not null)::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.status} = 'open' and ${conversations.assigneeId} is null)::int`,
      mine: sql<number>`count(*) filter (where ${conversations.status} = 'open' and ${conversations.assigneeId} = ${actor.userId}::uuid)::int`,
      closed: sql<number>`count(*) filter (where ${conversations.status} = 'closed')::int`,
      unread: sql<number>`${unread}`,
    })
    .from(conversations)
    .where(
      and(
        visibleConversations(deps.conversations.rules, actor),
        eq(conversations.kind, 'sms'),
        teamId ? eq(conversations.teamId, teamId) : undefined,
      ),
    );
  return {
    open: Number(row?.open ?? 0),
    waiting: Number(row?.waiting ?? 0),
    unassigned: Number(row?.unassigned ?? 0),
    mine: Number(row?.mine ?? 0),
    closed: Number(row?.closed ?? 0),
    unread: Number(row?.unread ?? 0),
  };
}
