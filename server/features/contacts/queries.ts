import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { isAnyId } from '../../platform/db/list-sql';
import { contactEmails, contactPhones, contacts, matterContacts, matters } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { canViewMatter, matterAccess } from '../matters/access';
import { withMatterLinks } from '../matters/queries';

export type ContactRow = typeof contacts.$inferSelect;

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
    .where(and(eq(contactPhones.firmId, firmId), isAnyId(contactPhones.contactId, ids)))
    .orderBy(asc(contactPhones.position));
  const emails = await ex
    .select()
    .from(contactEmails)
    .where(and(eq(contactEmails.firmId, firmId), isAnyId(contactEmails.contactId, ids)))
    .orderBy(asc(contactEmails.position));
  const links = await ex
    .select({ contactId: matterContacts.contactId, matterId: matterContacts.matterId })
    .from(matterContacts)
    .where(and(eq(matterContacts.firmId, firmId), isAnyId(matterContacts.contactId, ids)))
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
            .where(and(eq(matters.firmId, firmId), isAnyId(matters.id, matterIds))),
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
