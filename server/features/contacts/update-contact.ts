import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { contacts } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { assertUserExists } from '../users/queries';
import { replaceEmails, replacePhones } from './contact-lists';
import { type ContactView, findContact } from './queries';
import type { UpdateContactBody } from './schemas';

/**
 * Any staff member changes a contact; `phones` and `emails`, when given, replace the lists. The
 * portal status is not changed here. The audit entry names the fields changed, not their values.
 */
export async function updateContact(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; contactId: string; patch: UpdateContactBody },
): Promise<ContactView> {
  const { actor, contactId, patch } = input;
  const firmId = actor.firmId;
  return deps.db.transaction(async (tx) => {
    const where = and(eq(contacts.firmId, firmId), eq(contacts.id, contactId));
    const [existing] = await tx.select({ id: contacts.id }).from(contacts).where(where).for('update');
    if (!existing) throw notFound('contact');
    const fields = (Object.keys(patch) as (keyof UpdateContactBody)[]).filter((k) => patch[k] !== undefined);
    if (fields.length === 0) return (await findContact(tx, actor, contactId)) as ContactView;
    if (patch.coordinatorId) await assertUserExists(tx, firmId, patch.coordinatorId, 'body.coordinatorId');
    await tx
      .update(contacts)
      .set({
        name: patch.name,
        address: patch.address,
        coordinatorId: patch.coordinatorId,
        updatedAt: deps.clock(),
      })
      .where(where);
    if (patch.phones) await replacePhones(tx, firmId, contactId, patch.phones);
    if (patch.emails) await replaceEmails(tx, firmId, contactId, patch.emails);
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'contact.updated',
        targetType: 'contact',
        targetId: contactId,
        details: { fields },
      },
      deps.clock(),
    );
    return (await findContact(tx, actor, contactId)) as ContactView;
  });
}
