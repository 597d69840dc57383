import { and, asc, eq, ilike, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { afterNameAndId, containsPattern } from '../../platform/db/list-sql';
import { teams } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { teamMemberIds } from './queries';
import type { ListTeamsQuery } from './schemas';

/** The firm's teams and circles by name with their member ids; any staff may list them. */
export async function listTeams(deps: Pick<Deps, 'db'>, input: { actor: StaffActor; query: ListTeamsQuery }) {
  const { actor, query } = input;
  const position = decodeCursor(query.cursor, ['text', 'uuid']);
  const conds: (SQL | undefined)[] = [
    eq(teams.firmId, actor.firmId),
    afterNameAndId(teams.name, teams.id, position),
  ];
  if (query.q) conds.push(ilike(teams.name, containsPattern(query.q)));
  if (query.kind) conds.push(eq(teams.kind, query.kind));
  const rows = await deps.db
    .select()
    .from(teams)
    .where(and(...conds))
    .orderBy(asc(teams.name), asc(teams.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.name, r.id],
  );
  const members = await teamMemberIds(
    deps.db,
    actor.firmId,
    page.items.map((r) => r.id),
  );
  return {
    items: page.items.map((row) => ({ row, memberIds: members.get(row.id) ?? [] })),
    nextCursor: page.nextCursor,
  };
}
