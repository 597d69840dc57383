import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { matterContacts } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { forbidden, notFound } from '../../platform/http/problem';
import { canLinkMatterContacts, loadVisibleMatter, matterAccess } from './access';

/** Removes a contact's link to a matter the actor may see; 404 when they were not linked. */
export async function unlinkMatterContact(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; matterId: string; contactId: string },
): Promise<void> {
  const { actor, matterId, contactId } = input;
  const firmId = actor.firmId;
  await deps.db.transaction(async (tx) => {
    const matter = await loadVisibleMatter(tx, actor, matterId);
    if (!canLinkMatterContacts(actor, matterAccess(matter))) throw forbidden();
    const removed = await tx
      .delete(matterContacts)
      .where(
        and(
          eq(matterContacts.firmId, firmId),
          eq(matterContacts.matterId, matterId),
          eq(matterContacts.contactId, contactId),
        ),
      )
      .returning({ contactId: matterContacts.contactId });
    if (removed.length === 0) throw notFound('link between this matter and contact');
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'matter.contact_unlinked',
        targetType: 'matter',
        targetId: matterId,
        details: { contactId },
      },
      deps.clock(),
    );
  });
}
