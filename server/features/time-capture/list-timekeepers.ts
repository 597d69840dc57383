import { and, asc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { timekeeperRates, users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { timeAbilities, visibleTime } from './access';

/**
 * The timekeepers with their rates: every active user for billing managers, otherwise only oneself;
 * with what the actor may do with the firm's time, so the Time page offers only that.
 */
export async function listTimekeepers(deps: Pick<Deps, 'db'>, input: { actor: StaffActor }) {
  const { actor } = input;
  const conds = [visibleTime(actor, { firmId: users.firmId, userId: users.id }), eq(users.active, true)];
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
  return {
    items: rows.map((r) => ({
      ...r,
      classification: r.classification as 'PT' | 'AS' | 'OC' | 'LA' | 'OT' | null,
    })),
    abilities: timeAbilities(actor),
  };
}
