import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { contacts } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { assertUserExists } from '../users/queries';
import { replaceEmails, replacePhones } from './contact-lists';
import { type ContactView, findContact } from './queries';
import type { CreateContactBody } from './schemas';

/**
 * Any staff member adds a contact with phones (E.164), e-mails and a coordinator, who must be a user
 * of the firm (400 naming body.coordinatorId). The audit entry holds counts, not the numbers.
 */
export async function createContact(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; contact: CreateContactBody },
): Promise<ContactView> {
  const { actor, contact } = input;
  const firmId = actor.firmId;
  return deps.db.transaction(async (tx) => {
    if (contact.coordinatorId)
      await assertUserExists(tx, firmId, contact.coordinatorId, 'body.coordinatorId');
    const id = uuidv7();
    await tx.insert(contacts).values({
      firmId,
      id,
      name: contact.name,
      address: contact.address ?? null,
      coordinatorId: contact.coordinatorId ?? null,
    });
    await replacePhones(tx, firmId, id, contact.phones);
    await replaceEmails(tx, firmId, id, contact.emails);
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'contact.created',
        targetType: 'contact',
        targetId: id,
        details: { phones: contact.phones.length, emails: contact.emails.length },
      },
      deps.clock(),
    );
    return (await findContact(tx, actor, id)) as ContactView;
  });
}
