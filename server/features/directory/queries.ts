import { type AnyColumn, and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { validate as isUuid } from 'uuid';
import type { AuditInput } from '../../platform/audit/audit-log';
import type { Executor } from '../../platform/db/client';
import {
  contactEmails,
  contactPhones,
  contacts,
  matterAssignees,
  matterContacts,
  matters,
  teamMembers,
  teams,
  users,
} from '../../platform/db/schema';
import { can, type StaffActor } from '../../platform/http/actor';
import { decodeCursor } from '../../platform/http/pagination';
import { badRequest, invalidField, notFound } from '../../platform/http/problem';
import { canViewMatter, type MatterAccess } from './policy';

// Loaders and checks shared by the directory's use cases. Every query takes the firm id first.

/** The columns of a user that leave the database for the directory: never hashes or TOTP secrets. */
export const userColumns = {
  firmId: users.firmId,
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  permissions: users.permissions,
  active: users.active,
  phone: users.phone,
  totpEnabled: users.totpEnabled,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};
export type UserRow = { [K in keyof typeof userColumns]: (typeof users.$inferSelect)[K] };
export type ContactRow = typeof contacts.$inferSelect;
export type MatterRow = typeof matters.$inferSelect;

/** Who did it, for audit entries of a staff request. */
export function auditedBy(actor: StaffActor, ip?: string): Pick<AuditInput, 'actorType' | 'actorId' | 'ip'> {
  return { actorType: 'user', actorId: actor.userId, ip: ip ?? null };
}

/** A LIKE pattern matching the text anywhere, with the wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Decodes a list cursor whose last element is a row id; anything else is a 400 naming query.cursor. */
export function decodeIdCursor(cursor: string | undefined, arity: number): string[] | undefined {
  const position = decodeCursor(cursor, arity);
  if (position && !isUuid(position[arity - 1])) throw invalidField('query.cursor', 'is not a valid cursor');
  return position;
}

/** Keyset condition "after (name, id)" for lists ordered by name, then id. */
export function afterNameAndId(nameCol: AnyColumn, idCol: AnyColumn, position: string[] | undefined) {
  if (!position) return undefined;
  return sql`(${nameCol}, ${idCol}) > (${position[0]}, ${position[1]}::uuid)`;
}

/** Throws 400 naming each listed id (field.N) that is not a user of the firm. */
export async function assertUsersExist(ex: Executor, firmId: string, ids: readonly string[], field: string) {
  if (ids.length === 0) return;
  const found = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.firmId, firmId), inArray(users.id, [...ids])));
  const known = new Set(found.map((r) => r.id));
  const errors = ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ field: `${field}.${i}`, message: 'is not a user of this firm' }],
  );
  if (errors.length) throw badRequest(errors);
}

/** Throws 400 naming field when the id is not a user of the firm. */
export async function assertUserExists(ex: Executor, firmId: string, id: string, field: string) {
  const [row] = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.firmId, firmId), eq(users.id, id)));
  if (!row) throw invalidField(field, 'is not a user of this firm');
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

/** Member ids of each team, keyed by team id. */
export async function teamMemberIds(ex: Executor, firmId: string, teamIds: readonly string[]) {
  const byTeam = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return byTeam;
  const rows = await ex
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.firmId, firmId), inArray(teamMembers.teamId, [...teamIds])))
    .orderBy(asc(teamMembers.userId));
  for (const r of rows) byTeam.get(r.teamId)?.push(r.userId);
  return byTeam;
}

/** A matter with the ids that decide who sees it and the contacts linked to it. */
export interface MatterView {
  row: MatterRow;
  assigneeIds: string[];
  contactIds: string[];
}

/** The fields of a matter view that policy rules decide on. */
export function matterAccess(view: MatterView): MatterAccess {
  return { ownerId: view.row.ownerId, assigneeIds: view.assigneeIds };
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
    .where(and(eq(matterAssignees.firmId, firmId), inArray(matterAssignees.matterId, ids)))
    .orderBy(asc(matterAssignees.userId));
  const links = await ex
    .select({ matterId: matterContacts.matterId, contactId: matterContacts.contactId })
    .from(matterContacts)
    .where(and(eq(matterContacts.firmId, firmId), inArray(matterContacts.matterId, ids)))
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

/** SQL condition selecting the matters the actor may see (mirrors canViewMatter). */
export function visibleMatters(actor: StaffActor): SQL | undefined {
  if (can(actor, 'matters.view_all')) return undefined;
  return sql`(${matters.ownerId} = ${actor.userId} or exists (
    select 1 from ${matterAssignees}
    where ${matterAssignees.firmId} = ${matters.firmId}
      and ${matterAssignees.matterId} = ${matters.id}
      and ${matterAssignees.userId} = ${actor.userId}))`;
}

/** A contact with its phones, e-mail addresses and the linked matters the viewer may see. */
export interface ContactView {
  row: ContactRow;
  phones: { e164: string; label: string | null }[];
  emails: { email: string; label: string | null }[];
  matterIds: string[];
}

/** Adds phones, e-mails and visible matter links to contact rows, keeping their order. */
export async function withContactDetails(
  ex: Executor,
  actor: StaffActor,
  rows: ContactRow[],
): Promise<ContactView[]> {
  if (rows.length === 0) return [];
  const firmId = actor.firmId;
  const ids = rows.map((r) => r.id);
  const phones = await ex
    .select()
    .from(contactPhones)
    .where(and(eq(contactPhones.firmId, firmId), inArray(contactPhones.contactId, ids)))
    .orderBy(asc(contactPhones.position));
  const emails = await ex
    .select()
    .from(contactEmails)
    .where(and(eq(contactEmails.firmId, firmId), inArray(contactEmails.contactId, ids)))
    .orderBy(asc(contactEmails.position));
  const links = await ex
    .select({ contactId: matterContacts.contactId, matterId: matterContacts.matterId })
    .from(matterContacts)
    .where(and(eq(matterContacts.firmId, firmId), inArray(matterContacts.contactId, ids)))
    .orderBy(asc(matterContacts.matterId));
  const matterIds = [...new Set(links.map((l) => l.matterId))];
  const linkedMatters =
    matterIds.length === 0
      ? []
      : await withMatterLinks(
          ex,
          firmId,
          await ex
            .select()
            .from(matters)
            .where(and(eq(matters.firmId, firmId), inArray(matters.id, matterIds))),
        );
  const visible = new Set(
    linkedMatters.filter((m) => canViewMatter(actor, matterAccess(m))).map((m) => m.row.id),
  );
  return rows.map((row) => ({
    row,
    phones: phones.filter((p) => p.contactId === row.id).map((p) => ({ e164: p.e164, label: p.label })),
    emails: emails.filter((e) => e.contactId === row.id).map((e) => ({ email: e.email, label: e.label })),
    matterIds: links.filter((l) => l.contactId === row.id && visible.has(l.matterId)).map((l) => l.matterId),
  }));
}

/** The contact with its details, or undefined when the firm has no such contact. */
export async function findContact(
  ex: Executor,
  actor: StaffActor,
  id: string,
): Promise<ContactView | undefined> {
  const rows = await ex
    .select()
    .from(contacts)
    .where(and(eq(contacts.firmId, actor.firmId), eq(contacts.id, id)));
  const [view] = await withContactDetails(ex, actor, rows);
  return view;
}

/** A team with its member ids; 404 when the firm has no such team. */
export async function loadTeam(ex: Executor, firmId: string, teamId: string, lock = false) {
  const query = ex
    .select()
    .from(teams)
    .where(and(eq(teams.firmId, firmId), eq(teams.id, teamId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('team');
  const members = await teamMemberIds(ex, firmId, [teamId]);
  return { row, memberIds: members.get(teamId) ?? [] };
}

/** A matter the actor may see, or 404 (also when it exists but is not theirs to see). */
export async function loadVisibleMatter(ex: Executor, actor: StaffActor, matterId: string, lock = false) {
  const view = await findMatter(ex, actor.firmId, matterId, lock);
  if (!view || !canViewMatter(actor, matterAccess(view))) throw notFound('matter');
  return view;
}

/** A linked contact as a matter's summary shows it. */
export type MatterContactSummary = Pick<ContactRow, 'id' | 'name' | 'portalStatus'>;

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
    .where(and(eq(contacts.firmId, firmId), inArray(contacts.id, view.contactIds)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return view.contactIds.flatMap((id) => byId.get(id) ?? []);
}
