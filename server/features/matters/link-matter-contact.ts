import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { matterContacts } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { forbidden } from '../../platform/http/problem';
import { canLinkMatterContacts, loadVisibleMatter, matterAccess } from './access';
import { assertContactExists, findMatter, linkedContacts, type MatterView } from './queries';

/**
 * Links a contact of the firm to a matter the actor may see. Idempotent: `created` is false (and
 * nothing is written or audited) when the contact was already linked.
 */
export async function linkMatterContact(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; matterId: string; contactId: string },
) {
  const { actor, matterId, contactId } = input;
  const firmId = actor.firmId;
  return deps.db.transaction(async (tx) => {
    const matter = await loadVisibleMatter(tx, actor, matterId);
    if (!canLinkMatterContacts(actor, matterAccess(matter))) throw forbidden();
    await assertContactExists(tx, firmId, contactId, 'body.contactId');
    const inserted = await tx
      .insert(matterContacts)
      .values({ firmId, matterId, contactId, createdAt: deps.clock() })
      .onConflictDoNothing()
      .returning({ contactId: matterContacts.contactId });
    const created = inserted.length > 0;
    if (created)
      await recordAudit(
        tx,
        {
          ...auditActor(actor, input.ip),
          action: 'matter.contact_linked',
          targetType: 'matter',
          targetId: matterId,
          details: { contactId },
        },
        deps.clock(),
      );
    const view = (await findMatter(tx, firmId, matterId)) as MatterView;
    return { created, view, contacts: await linkedContacts(tx, firmId, view) };
  });
}
