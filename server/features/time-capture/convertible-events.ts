import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { billableEvents } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict, notFound } from '../../platform/http/problem';
import { canWorkOnTime } from './access';
import type { BillableEventRow } from './queries';

/**
 * The events to convert, in id order (locked when asked, so overlapping conversions serialise): one the
 * actor may not work on, or of another firm, is 404; a dismissed one is 409. The preview and the
 * conversion check the same way, so a preview that succeeds promises a conversion that can.
 */
export async function loadConvertibleEvents(
  ex: Executor,
  actor: StaffActor,
  ids: readonly string[],
  lock: boolean,
): Promise<BillableEventRow[]> {
  const query = ex
    .select()
    .from(billableEvents)
    .where(and(eq(billableEvents.firmId, actor.firmId), inArray(billableEvents.id, [...ids])))
    .orderBy(asc(billableEvents.id));
  const rows = lock ? await query.for('update') : await query;
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || !canWorkOnTime(actor, row)) throw notFound('billable event');
    if (row.status === 'dismissed')
      throw conflict('event-dismissed', 'A dismissed event cannot be converted; restore it first.');
  }
  return rows;
}
