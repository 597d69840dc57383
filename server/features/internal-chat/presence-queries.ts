import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { teamMembers, teams, userPresence, users } from '../../platform/db/schema';
import { PRESENCE_TTL_MS } from '../../realtime/presence';

/** The condition of a user who works in the Message Center: active, and an admin or holding message_center.use. */
const isAgent = and(
  eq(users.active, true),
  sql`(${users.role} = 'admin' or 'message_center.use' = any(${users.permissions}))`,
);

/** The firm's Message Center agents by name, with their teams (kind team). */
export async function agentsOf(ex: Executor, firmId: string) {
  const rows = await ex
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.firmId, firmId), isAgent))
    .orderBy(asc(users.name), asc(users.id));
  const ids = rows.map((r) => r.id);
  const memberships =
    ids.length === 0
      ? []
      : await ex
          .select({ userId: teamMembers.userId, id: teams.id, name: teams.name })
          .from(teamMembers)
          .innerJoin(teams, and(eq(teams.firmId, teamMembers.firmId), eq(teams.id, teamMembers.teamId)))
          .where(
            and(eq(teamMembers.firmId, firmId), inArray(teamMembers.userId, ids), eq(teams.kind, 'team')),
          )
          .orderBy(asc(teams.name));
  return rows.map((r) => ({
    ...r,
    teams: memberships.filter((m) => m.userId === r.id).map((m) => ({ id: m.id, name: m.name })),
  }));
}

/** The firm's users online at `now` (a fresh presence row on any process), with since when. */
export async function onlineUsers(ex: Executor, firmId: string, now: Date): Promise<Map<string, Date>> {
  const rows = await ex
    .select({
      userId: userPresence.userId,
      since: sql<Date>`min(${userPresence.since})`.mapWith(userPresence.since),
    })
    .from(userPresence)
    .where(
      and(
        eq(userPresence.firmId, firmId),
        gt(userPresence.seenAt, new Date(now.getTime() - PRESENCE_TTL_MS)),
      ),
    )
    .groupBy(userPresence.userId);
  return new Map(rows.map((r) => [r.userId, r.since]));
}
