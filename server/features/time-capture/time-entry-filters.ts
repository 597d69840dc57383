import { eq, gte, lte, type SQL } from 'drizzle-orm';
import { timeEntries } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { forbidden } from '../../platform/http/problem';
import { canManageAllTime } from './policy';

/**
 * Conditions selecting the time entries the actor may see, narrowed by the filters: a timekeeper's
 * own (naming someone else is 403), anyone's for billing managers.
 */
export function timeEntryConditions(
  actor: StaffActor,
  filters: { userId?: string; matterId?: string; from?: string; to?: string },
): SQL[] {
  const manager = canManageAllTime(actor);
  if (filters.userId && filters.userId !== actor.userId && !manager)
    throw forbidden('You can only see your own time entries.');
  const userId = manager ? filters.userId : actor.userId;
  const conds: SQL[] = [eq(timeEntries.firmId, actor.firmId)];
  if (userId) conds.push(eq(timeEntries.userId, userId));
  if (filters.matterId) conds.push(eq(timeEntries.matterId, filters.matterId));
  if (filters.from) conds.push(gte(timeEntries.workDate, filters.from));
  if (filters.to) conds.push(lte(timeEntries.workDate, filters.to));
  return conds;
}
