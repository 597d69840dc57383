import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { isAnyId } from '../../platform/db/list-sql';
import { contacts, matterAssignees, matterContacts, matters } from '../../platform/db/schema';
import { badRequest, invalidField } from '../../platform/http/problem';

// Loaders and checks of the matters' use cases. Every query takes the firm id first.

export type MatterRow = typeof matters.$inferSelect;

/** A matter with the ids that decide who sees it and the contacts linked to it. */
export interface MatterView {
  row: MatterRow;
  assigneeIds: string[];
  contactIds: string[];
}

/** Adds assignees and linked contact ids to matter rows, keeping their order. */
export async function withMatterLinks(
  ex: Executor,
  firmId: string,
  rows: MatterRow[],
): Promise<MatterView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const assignees = await ex
    .select({ matterId: matterAssignees.matterId, userId: matterAssignees.userId })
    .from(matterAssignees)
    .where(and(eq(matterAssignees.firmId, firmId), isAnyId(matterAssignees.matterId, ids)))
    .orderBy(asc(matterAssignees.userId));
  const links = await ex
    .select({ matterId: matterContacts.matterId, contactId: matterContacts.contactId })
    .from(matterContacts)
    .where(and(eq(matterContacts.firmId, firmId), isAnyId(matterContacts.matterId, ids)))
    .orderBy(asc(matterContacts.createdAt), asc(matterContacts.contactId));
  return rows.map((row) => ({
    row,
    assigneeIds: assignees.filter((a) => a.matterId === row.id).map((a) => a.userId),
    contactIds: links.filter((l) => l.matterId === row.id).map((l) => l.contactId),
  }));
}

/** The matter with its links (row locked when asked), or undefined when the firm has no such matter. */
export async function findMatter(
  ex: Executor,
  firmId: string,
  id: string,
  lock = false,
): Promise<MatterView | undefined> {
  const query = ex
    .select()
    .from(matters)
    .where(and(eq(matters.firmId, firmId), eq(matters.id, id)));
  const rows = lock ? await query.for('update') : await query;
  const [view] = await withMatterLinks(ex, firmId, rows);
  return view;
}

/** Throws 400 naming each listed id (field.N) that is not a contact of the firm. */
export async function assertContactsExist(
  ex: Executor,
  firmId: string,
  ids: readonly string[],
  field: string,
) {
  if (ids.length === 0) return;
  const found = await ex
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.firmId, firmId), inArray(contacts.id, [...ids])));
  const known = new Set(found.map((r) => r.id));
  const errors = ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ field: `${field}.${i}`, message: 'is not a contact of this firm' }],
  );
  if (errors.length) throw badRequest(errors);
}

/** Throws 400 naming field when the id is not a contact of the firm. */
export async function assertContactExists(ex: Executor, firmId: string, id: string, field: string) {
  const [row] = await ex
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.firmId, firmId), eq(contacts.id, id)));
  if (!row) throw invalidField(field, 'is not a contact of this firm');
}

/** A linked contact as a matter's summary shows it. */
export type MatterContactSummary = Pick<typeof contacts.$inferSelect, 'id' | 'name' | 'portalStatus'>;

/** Name and portal status of the contacts linked to a matter, in link order. */
export async function linkedContacts(
  ex: Executor,
  firmId: string,
  view: MatterView,
): Promise<MatterContactSummary[]> {
  if (view.contactIds.length === 0) return [];
  const rows = await ex
    .select({ id: contacts.id, name: contacts.name, portalStatus: contacts.portalStatus })
    .from(contacts)
    .where(and(eq(contacts.firmId, firmId), isAnyId(contacts.id, view.contactIds)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return view.contactIds.flatMap((id) => byId.get(id) ?? []);
}
