import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { teamMembers, teams } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict, forbidden } from '../../platform/http/problem';
import { assertUsersExist } from '../users/queries';
import { canManageTeams } from './policy';
import type { CreateTeamBody } from './schemas';

/**
 * Creates a team or circle (admins and settings.manage). Every member must be a user of the firm
 * (400 naming body.memberIds.N); a name already used by the same kind is a 409 team-name-taken.
 */
export async function createTeam(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; team: CreateTeamBody },
) {
  const { actor, team } = input;
  if (!canManageTeams(actor)) throw forbidden('You may not manage teams.');
  const memberIds = team.memberIds ?? [];
  return deps.db.transaction(async (tx) => {
    await assertUsersExist(tx, actor.firmId, memberIds, 'body.memberIds');
    const [row] = await tx
      .insert(teams)
      .values({ firmId: actor.firmId, id: uuidv7(), name: team.name, kind: team.kind })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('team-name-taken', `A ${team.kind} with this name already exists.`);
    if (memberIds.length)
      await tx
        .insert(teamMembers)
        .values(memberIds.map((userId) => ({ firmId: actor.firmId, teamId: row.id, userId })));
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'team.created',
        targetType: 'team',
        targetId: row.id,
        details: { kind: team.kind, added: memberIds },
      },
      deps.clock(),
    );
    return { row, memberIds: [...memberIds].sort() };
  });
}
