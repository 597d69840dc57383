import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { type UserRow, userColumns } from './queries';

/** One staff user of the actor's firm; 404 for any other id. */
export async function getUser(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor; userId: string },
): Promise<UserRow> {
  const [row] = await deps.db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.firmId, input.actor.firmId), eq(users.id, input.userId)));
  if (!row) throw notFound('user');
  return row;
}
