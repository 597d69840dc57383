import { and, asc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { timekeeperRates, users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { canManageAllTime } from './policy';

/** The timekeepers with their rates: every active user for billing managers, otherwise only oneself. */
export async function listTimekeepers(deps: Pick<Deps, 'db'>, input: { actor: StaffActor }) {
  const { actor } = input;
  const conds = [eq(users.firmId, actor.firmId), eq(users.active, true)];
  if (!canManageAllTime(actor)) conds.push(eq(users.id, actor.userId));
  const rows = await deps.db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      rateCents: timekeeperRates.rateCents,
      classification: timekeeperRates.classification,
    })
    .from(users)
    .leftJoin(
      timekeeperRates,
      and(eq(timekeeperRates.firmId, users.firmId), eq(timekeeperRates.userId, users.id)),
    )
    .where(and(...conds))
    .orderBy(asc(users.name), asc(users.id));
  return rows.map((r) => ({
    ...r,
    classification: r.classification as 'PT' | 'AS' | 'OC' | 'LA' | 'OT' | null,
  }));
}
