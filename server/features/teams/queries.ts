import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { teamMembers, teams } from '../../platform/db/schema';
import { notFound } from '../../platform/http/problem';

/** Member ids of each team, keyed by team id. */
export async function teamMemberIds(ex: Executor, firmId: string, teamIds: readonly string[]) {
  const byTeam = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return byTeam;
  const rows = await ex
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.firmId, firmId), inArray(teamMembers.teamId, [...teamIds])))
    .orderBy(asc(teamMembers.userId));
  for (const r of rows) byTeam.get(r.teamId)?.push(r.userId);
  return byTeam;
}

/** A team with its member ids; 404 when the firm has no such team. */
export async function loadTeam(ex: Executor, firmId: string, teamId: string, lock = false) {
  const query = ex
    .select()
    .from(teams)
    .where(and(eq(teams.firmId, firmId), eq(teams.id, teamId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('team');
  const members = await teamMemberIds(ex, firmId, [teamId]);
  return { row, memberIds: members.get(teamId) ?? [] };
}
