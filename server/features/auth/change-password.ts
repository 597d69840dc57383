import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { sessionsEnded } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import { users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { invalidField } from '../../platform/http/problem';
import { currentUser } from './me';
import { hashPassword, verifyPassword } from './password';
import { destroySubjectSessions } from './sessions';
import { clearAccountAddressFailures, type LoginAttempt, throttledCheck } from './throttle';

/**
 * A signed-in staff user changes their own password after re-entering the current one. A wrong
 * current password counts like a failed sign-in (same counters, so a stolen session cannot guess the
 * password faster than the sign-in form allows; 429 once throttled). The change ends every other
 * session of the user and closes its sockets; the session that made it stays signed in.
 */
export async function changePassword(
  deps: Deps,
  input: { actor: StaffActor; currentPassword: string; newPassword: string; ip: string },
): Promise<void> {
  const { actor } = input;
  const user = await currentUser(deps, actor);
  // The user is signed in: only this address's counters apply, never the account-wide lock.
  const attempt: LoginAttempt = { realm: 'staff', account: user.email, address: input.ip, knownDevice: true };
  if (!(await throttledCheck(deps, attempt, () => verifyPassword(user.passwordHash, input.currentPassword))))
    throw invalidField('body.currentPassword', 'is not your current password');
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock();
  await inTransaction(deps, async (tx, events) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(and(eq(users.firmId, actor.firmId), eq(users.id, actor.userId)));
    const endedSessionIds = await destroySubjectSessions(tx, actor.firmId, actor.userId, actor.sessionId);
    await clearAccountAddressFailures(tx, attempt);
    await recordAudit(
      tx,
      {
        firmId: actor.firmId,
        actorType: 'user',
        actorId: actor.userId,
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: actor.userId,
        ip: input.ip,
        details: { otherSessionsEnded: endedSessionIds.length },
      },
      now,
    );
    if (endedSessionIds.length > 0) events.push(sessionsEnded(actor.firmId, { sessionIds: endedSessionIds }));
  });
}
