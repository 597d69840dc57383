import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { sessionsEnded } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import { users } from '../../platform/db/schema';
import type { Permission, Role, StaffActor } from '../../platform/http/actor';
import { forbidden, notFound, unprocessable } from '../../platform/http/problem';
import { destroySubjectSessions, hashPassword } from '../auth';
import { accessDiff } from './model';
import { canUpdateUser, selfLockout } from './policy';
import { type UserRow, userColumns } from './queries';
import type { UpdateUserBody } from './schemas';

/**
 * An admin changes a user's name, role, permissions, phone, password or active state. Admins cannot
 * lock themselves out (422 self-lockout). Deactivating a user ends all their sessions; a new password
 * set by someone else ends them too, and one set by the user ends all but the session that set it. The audit entry lists the fields changed and the access diff.
 */
export async function updateUser(
  deps: Pick<Deps, 'db' | 'clock' | 'bus' | 'outbox' | 'log'>,
  input: { actor: StaffActor; ip?: string; userId: string; patch: UpdateUserBody },
): Promise<UserRow> {
  const { actor, userId, patch } = input;
  if (!canUpdateUser(actor)) throw forbidden('Only an administrator can change users.');
  const lockout = selfLockout(actor, userId, patch);
  if (lockout) throw unprocessable('self-lockout', lockout);
  // Hashing is slow on purpose; do it before the transaction holds the row.
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  return inTransaction(deps, async (tx, events) => {
    const where = and(eq(users.firmId, actor.firmId), eq(users.id, userId));
    const [before] = await tx.select(userColumns).from(users).where(where).for('update');
    if (!before) throw notFound('user');
    const fields = (Object.keys(patch) as (keyof UpdateUserBody)[]).filter((k) => patch[k] !== undefined);
    if (fields.length === 0) return before;
    const [after] = await tx
      .update(users)
      .set({
        name: patch.name,
        role: patch.role,
        permissions: patch.permissions,
        active: patch.active,
        phone: patch.phone,
        passwordHash,
        updatedAt: deps.clock(),
      })
      .where(where)
      .returning(userColumns);
    const updated = after as UserRow;
    const access = (u: UserRow) => ({
      role: u.role as Role,
      permissions: u.permissions as Permission[],
      active: u.active,
    });
    const changes = accessDiff(access(before), access(updated));
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'user.updated',
        targetType: 'user',
        targetId: userId,
        details: { fields, changes },
      },
      deps.clock(),
    );
    // A new password ends every session of the user but the one that set its own password, so a
    // session stolen before the change dies with it.
    const ownPassword = passwordHash !== undefined && userId === actor.userId;
    const endedSessionIds =
      patch.active === false || passwordHash !== undefined
        ? await destroySubjectSessions(tx, actor.firmId, userId, ownPassword ? actor.sessionId : undefined)
        : [];
    // Open streams were authorised with the old rights: close them so the client reconnects (or signs out).
    if (Object.keys(changes).length > 0 || (passwordHash !== undefined && !ownPassword))
      events.push(sessionsEnded(actor.firmId, { userIds: [userId] }));
    else if (endedSessionIds.length > 0)
      events.push(sessionsEnded(actor.firmId, { sessionIds: endedSessionIds }));
    return updated;
  });
}
