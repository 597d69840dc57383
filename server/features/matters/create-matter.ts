import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { matterAssignees, matterContacts, matters } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict } from '../../platform/http/problem';
import { assertUserExists, assertUsersExist } from '../users/queries';
import { assertContactsExist, findMatter, linkedContacts, type MatterView } from './queries';
import type { CreateMatterBody } from './schemas';

/**
 * Any staff member opens a matter with an owner, assignees and linked contacts, all of the firm
 * (400 naming the field and index otherwise); a number the firm already uses is a 409.
 */
export async function createMatter(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; matter: CreateMatterBody },
) {
  const { actor, matter } = input;
  const firmId = actor.firmId;
  const contactIds = matter.contactIds ?? [];
  return deps.db.transaction(async (tx) => {
    await assertUserExists(tx, firmId, matter.ownerId, 'body.ownerId');
    await assertUsersExist(tx, firmId, matter.assigneeIds, 'body.assigneeIds');
    await assertContactsExist(tx, firmId, contactIds, 'body.contactIds');
    const id = uuidv7();
    const [row] = await tx
      .insert(matters)
      .values({ firmId, id, number: matter.number, name: matter.name, ownerId: matter.ownerId })
      .onConflictDoNothing()
      .returning({ id: matters.id });
    if (!row) throw conflict('matter-number-taken', 'The firm already has a matter with this number.');
    if (matter.assigneeIds.length)
      await tx
        .insert(matterAssignees)
        .values(matter.assigneeIds.map((userId) => ({ firmId, matterId: id, userId })));
    // Distinct link times keep the order the contacts were given in.
    const now = deps.clock().getTime();
    if (contactIds.length)
      await tx.insert(matterContacts).values(
        contactIds.map((contactId, i) => ({
          firmId,
          matterId: id,
          contactId,
          createdAt: new Date(now + i),
        })),
      );
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'matter.created',
        targetType: 'matter',
        targetId: id,
        details: { ownerId: matter.ownerId, assigneeIds: matter.assigneeIds, contactIds },
      },
      deps.clock(),
    );
    const view = (await findMatter(tx, firmId, id)) as MatterView;
    return { view, contacts: await linkedContacts(tx, firmId, view) };
  });
}
