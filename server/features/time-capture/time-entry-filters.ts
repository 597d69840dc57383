import { eq, gte, lte, type SQL } from 'drizzle-orm';
import { timeEntries } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { requireTimekeeperVisible, visibleTime } from './access';

/**
 * Conditions selecting the time entries the actor may see, narrowed by the filters: a timekeeper's
 * own (naming someone else is 403), anyone's for billing managers.
 */
export function timeEntryConditions(
  actor: StaffActor,
  filters: { userId?: string; matterId?: string; from?: string; to?: string },
): SQL[] {
  requireTimekeeperVisible(actor, filters.userId, 'time entries');
  const conds: SQL[] = [visibleTime(actor, timeEntries)];
  if (filters.userId) conds.push(eq(timeEntries.userId, filters.userId));
  if (filters.matterId) conds.push(eq(timeEntries.matterId, filters.matterId));
  if (filters.from) conds.push(gte(timeEntries.workDate, filters.from));
  if (filters.to) conds.push(lte(timeEntries.workDate, filters.to));
  return conds;
}
