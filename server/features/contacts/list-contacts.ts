import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { afterNameAndId, containsPattern } from '../../platform/db/list-sql';
import { contactEmails, contactPhones, contacts } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { withContactDetails } from './queries';
import type { ListContactsQuery } from './schemas';

/** Text search over a contact's name, e-mail addresses and (by digits) phone numbers. */
function matchesText(q: string): SQL | undefined {
  const pattern = containsPattern(q);
  const digits = q.replace(/\D/g, '');
  return or(
    ilike(contacts.name, pattern),
    sql`exists (select 1 from ${contactEmails} where ${contactEmails.firmId} = ${contacts.firmId}
      and ${contactEmails.contactId} = ${contacts.id} and ${contactEmails.email} ilike ${pattern})`,
    digits.length >= 3
      ? sql`exists (select 1 from ${contactPhones} where ${contactPhones.firmId} = ${contacts.firmId}
      and ${contactPhones.contactId} = ${contacts.id} and ${contactPhones.e164} like ${`%${digits}%`})`
      : undefined,
  );
}

/** The firm's contacts by name, filtered by text, coordinator and portal status; any staff may list. */
export async function listContacts(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor; query: ListContactsQuery },
) {
  const { actor, query } = input;
  const position = decodeCursor(query.cursor, ['text', 'uuid']);
  const conds: (SQL | undefined)[] = [
    eq(contacts.firmId, actor.firmId),
    afterNameAndId(contacts.name, contacts.id, position),
  ];
  if (query.q) conds.push(matchesText(query.q));
  if (query.coordinatorId) conds.push(eq(contacts.coordinatorId, query.coordinatorId));
  if (query.portalStatus) conds.push(eq(contacts.portalStatus, query.portalStatus));
  const rows = await deps.db
    .select()
    .from(contacts)
    .where(and(...conds))
    .orderBy(asc(contacts.name), asc(contacts.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.name, r.id],
  );
  return { items: await withContactDetails(deps.db, actor, page.items), nextCursor: page.nextCursor };
}
