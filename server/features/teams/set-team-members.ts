import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { teamMembers } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { forbidden } from '../../platform/http/problem';
import { assertUsersExist } from '../users/queries';
import { membershipChange } from './model';
import { canManageTeams } from './policy';
import { loadTeam } from './queries';

/**
 * Replaces a team's members (admins and settings.manage). Every id must be a user of the firm (400
 * naming body.userIds.N); the audit entry records who was added and removed.
 */
export async function setTeamMembers(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; teamId: string; userIds: string[] },
) {
  const { actor, teamId, userIds } = input;
  if (!canManageTeams(actor)) throw forbidden('You may not manage teams.');
  return deps.db.transaction(async (tx) => {
    const before = await loadTeam(tx, actor.firmId, teamId, true);
    await assertUsersExist(tx, actor.firmId, userIds, 'body.userIds');
    const change = membershipChange(before.memberIds, userIds);
    if (change.added.length === 0 && change.removed.length === 0) return before;
    await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.firmId, actor.firmId), eq(teamMembers.teamId, teamId)));
    if (userIds.length)
      await tx
        .insert(teamMembers)
        .values(userIds.map((userId) => ({ firmId: actor.firmId, teamId, userId })));
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'team.members_changed',
        targetType: 'team',
        targetId: teamId,
        details: change,
      },
      deps.clock(),
    );
    return { row: before.row, memberIds: [...userIds].sort() };
  });
}
