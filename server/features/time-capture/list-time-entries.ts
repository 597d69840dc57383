import { and, desc, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { timeEntries } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { presentTimeEntry } from './presenter';
import { loadNames } from './queries';
import type { ListTimeEntriesQuery } from './schemas';
import { timeEntryConditions } from './time-entry-filters';

/** Time entries, newest work date first: the actor's own, or anyone's for billing managers. */
export async function listTimeEntries(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor; query: ListTimeEntriesQuery },
) {
  const { actor, query } = input;
  const conds = timeEntryConditions(actor, query);
  const position = decodeCursor(query.cursor, ['date', 'uuid']);
  if (position)
    conds.push(
      sql`(${timeEntries.workDate}, ${timeEntries.id}) < (${position[0]}::date, ${position[1]}::uuid)`,
    );
  const rows = await deps.db
    .select()
    .from(timeEntries)
    .where(and(...conds))
    .orderBy(desc(timeEntries.workDate), desc(timeEntries.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.workDate, r.id],
  );
  const names = await loadNames(deps.db, actor.firmId, page.items);
  return { items: page.items.map((r) => presentTimeEntry(r, names)), nextCursor: page.nextCursor };
}
