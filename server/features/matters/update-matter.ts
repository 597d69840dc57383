import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { matterAssignees, matters } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { forbidden } from '../../platform/http/problem';
import { membershipChange } from '../teams/model';
import { assertUserExists, assertUsersExist } from '../users/queries';
import { canUpdateMatter, loadVisibleMatter, matterAccess } from './access';
import { findMatter, linkedContacts, type MatterView } from './queries';
import type { UpdateMatterBody } from './schemas';

/**
 * The owner or an admin renames, reassigns, reopens or closes a matter (404 when the actor cannot
 * see it, 403 when they see but may not change it); assigneeIds replaces the list.
 */
export async function updateMatter(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; matterId: string; patch: UpdateMatterBody },
) {
  const { actor, matterId, patch } = input;
  const firmId = actor.firmId;
  return deps.db.transaction(async (tx) => {
    const before = await loadVisibleMatter(tx, actor, matterId, true);
    if (!canUpdateMatter(actor, matterAccess(before)))
      throw forbidden('Only the owner or an administrator can change this matter.');
    if (patch.ownerId) await assertUserExists(tx, firmId, patch.ownerId, 'body.ownerId');
    if (patch.assigneeIds) await assertUsersExist(tx, firmId, patch.assigneeIds, 'body.assigneeIds');
    const fields = (Object.keys(patch) as (keyof UpdateMatterBody)[]).filter((k) => patch[k] !== undefined);
    if (fields.length === 0) return { view: before, contacts: await linkedContacts(tx, firmId, before) };
    await tx
      .update(matters)
      .set({ name: patch.name, ownerId: patch.ownerId, status: patch.status, updatedAt: deps.clock() })
      .where(and(eq(matters.firmId, firmId), eq(matters.id, matterId)));
    const assignees = patch.assigneeIds ? membershipChange(before.assigneeIds, patch.assigneeIds) : undefined;
    if (patch.assigneeIds) {
      await tx
        .delete(matterAssignees)
        .where(and(eq(matterAssignees.firmId, firmId), eq(matterAssignees.matterId, matterId)));
      if (patch.assigneeIds.length)
        await tx
          .insert(matterAssignees)
          .values(patch.assigneeIds.map((userId) => ({ firmId, matterId, userId })));
    }
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'matter.updated',
        targetType: 'matter',
        targetId: matterId,
        details: {
          fields,
          ...(patch.ownerId && patch.ownerId !== before.row.ownerId
            ? { owner: { from: before.row.ownerId, to: patch.ownerId } }
            : {}),
          ...(patch.status && patch.status !== before.row.status
            ? { status: { from: before.row.status, to: patch.status } }
            : {}),
          ...(assignees ? { assignees } : {}),
        },
      },
      deps.clock(),
    );
    const view = (await findMatter(tx, firmId, matterId)) as MatterView;
    return { view, contacts: await linkedContacts(tx, firmId, view) };
  });
}
