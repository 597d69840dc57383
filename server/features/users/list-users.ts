import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { afterNameAndId, containsPattern } from '../../platform/db/list-sql';
import { users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { userColumns } from './queries';
import type { ListUsersQuery } from './schemas';

/** The firm's staff users by name, filtered by name/e-mail text, role and active state. */
export async function listUsers(deps: Pick<Deps, 'db'>, input: { actor: StaffActor; query: ListUsersQuery }) {
  const { actor, query } = input;
  const position = decodeCursor(query.cursor, ['text', 'uuid']);
  const conds: (SQL | undefined)[] = [
    eq(users.firmId, actor.firmId),
    afterNameAndId(users.name, users.id, position),
  ];
  if (query.q) {
    const pattern = containsPattern(query.q);
    conds.push(or(ilike(users.name, pattern), ilike(users.email, pattern)));
  }
  if (query.role) conds.push(eq(users.role, query.role));
  if (query.active !== undefined) conds.push(eq(users.active, query.active));
  const rows = await deps.db
    .select(userColumns)
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.name), asc(users.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.name, r.id],
  );
}
