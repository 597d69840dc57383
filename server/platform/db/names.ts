import { and, eq } from 'drizzle-orm';
import type { Executor } from './client';
import { isAnyId } from './list-sql';
import { contacts, users } from './schema';

/** Someone a message, a member or a record refers to: a staff user or a contact. */
export interface PersonRef {
  type: string;
  id: string | null;
}

/**
 * Display names of users and contacts by id, in at most two queries whatever the number of refs (ids of
 * both kinds never collide: UUIDs). Refs of other types (system) and null ids are skipped. Every display
 * name Parley shows or writes is read through here.
 */
export async function namesOf(
  ex: Executor,
  firmId: string,
  refs: readonly PersonRef[],
): Promise<Map<string, string>> {
  const userIds = [...new Set(refs.flatMap((r) => (r.type === 'user' && r.id ? [r.id] : [])))];
  const contactIds = [...new Set(refs.flatMap((r) => (r.type === 'contact' && r.id ? [r.id] : [])))];
  // One query at a time: ex may be a transaction, which runs on a single connection.
  const userRows =
    userIds.length === 0
      ? []
      : await ex
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(and(eq(users.firmId, firmId), isAnyId(users.id, userIds)));
  const contactRows =
    contactIds.length === 0
      ? []
      : await ex
          .select({ id: contacts.id, name: contacts.name })
          .from(contacts)
          .where(and(eq(contacts.firmId, firmId), isAnyId(contacts.id, contactIds)));
  return new Map([...userRows, ...contactRows].map((r) => [r.id, r.name]));
}

/** The display name of one user or contact, or null for system authors and unknown ids. */
export async function nameOf(ex: Executor, firmId: string, ref: PersonRef): Promise<string | null> {
  if (!ref.id) return null;
  return (await namesOf(ex, firmId, [ref])).get(ref.id) ?? null;
}
