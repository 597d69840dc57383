import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { timeEntries } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { canWorkOnTime } from './access';
import type { TimeEntryRow } from './queries';

/**
 * The time entry, locked, if the actor may work on it (its timekeeper or a billing manager); 404
 * otherwise, also for another firm's entry. The lock orders a change after a running export.
 */
export async function loadWorkableEntry(tx: Tx, actor: StaffActor, id: string): Promise<TimeEntryRow> {
  const [row] = await tx
    .select()
    .from(timeEntries)
    .where(and(eq(timeEntries.firmId, actor.firmId), eq(timeEntries.id, id)))
    .for('update');
  if (!row || !canWorkOnTime(actor, row)) throw notFound('time entry');
  return row;
}
