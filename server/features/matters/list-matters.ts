import { and, desc, eq, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { containsPattern } from '../../platform/db/list-sql';
import { matterAssignees, matterContacts, matters } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { visibleMatters } from './access';
import { withMatterLinks } from './queries';
import type { ListMattersQuery } from './schemas';

/**
 * The matters the actor may see, newest first (ids are time-ordered), filtered by number/name text,
 * status, owner, assignee and linked contact.
 */
export async function listMatters(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor; query: ListMattersQuery },
) {
  const { actor, query } = input;
  const position = decodeCursor(query.cursor, ['uuid']);
  const conds: (SQL | undefined)[] = [eq(matters.firmId, actor.firmId), visibleMatters(actor)];
  if (position) conds.push(lt(matters.id, position[0]));
  if (query.q) {
    const pattern = containsPattern(query.q);
    conds.push(or(ilike(matters.number, pattern), ilike(matters.name, pattern)));
  }
  if (query.status) conds.push(eq(matters.status, query.status));
  if (query.ownerId) conds.push(eq(matters.ownerId, query.ownerId));
  if (query.assigneeId)
    conds.push(sql`exists (select 1 from ${matterAssignees} where ${matterAssignees.firmId} = ${matters.firmId}
      and ${matterAssignees.matterId} = ${matters.id} and ${matterAssignees.userId} = ${query.assigneeId})`);
  if (query.contactId)
    conds.push(sql`exists (select 1 from ${matterContacts} where ${matterContacts.firmId} = ${matters.firmId}
      and ${matterContacts.matterId} = ${matters.id} and ${matterContacts.contactId} = ${query.contactId})`);
  const rows = await deps.db
    .select()
    .from(matters)
    .where(and(...conds))
    .orderBy(desc(matters.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.id],
  );
  return { items: await withMatterLinks(deps.db, actor.firmId, page.items), nextCursor: page.nextCursor };
}
