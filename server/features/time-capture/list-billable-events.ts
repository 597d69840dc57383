import { and, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { billableEvents } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { requireTimekeeperVisible, visibleTime } from './access';
import { presentBillableEvent } from './presenter';
import { loadNames } from './queries';
import type { ListBillableEventsQuery } from './schemas';

/**
 * Billable events, newest start first: a timekeeper's own, or anyone's for billing managers
 * (userId narrows it; a timekeeper naming someone else gets 403).
 */
export async function listBillableEvents(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor; query: ListBillableEventsQuery },
) {
  const { actor, query } = input;
  requireTimekeeperVisible(actor, query.userId, 'billable events');
  const position = decodeCursor(query.cursor, ['time', 'uuid']);
  const conds: (SQL | undefined)[] = [visibleTime(actor, billableEvents)];
  if (query.userId) conds.push(eq(billableEvents.userId, query.userId));
  if (query.status) conds.push(eq(billableEvents.status, query.status));
  if (query.matterId) conds.push(eq(billableEvents.matterId, query.matterId));
  if (query.from) conds.push(gte(billableEvents.startedAt, query.from));
  if (query.to) conds.push(lte(billableEvents.startedAt, query.to));
  if (position)
    conds.push(
      sql`(${billableEvents.startedAt}, ${billableEvents.id}) < (${position[0]}::timestamptz, ${position[1]}::uuid)`,
    );
  const rows = await deps.db
    .select()
    .from(billableEvents)
    .where(and(...conds))
    .orderBy(desc(billableEvents.startedAt), desc(billableEvents.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.startedAt.toISOString(), r.id],
  );
  const names = await loadNames(deps.db, actor.firmId, page.items);
  return { items: page.items.map((r) => presentBillableEvent(r, names)), nextCursor: page.nextCursor };
}
