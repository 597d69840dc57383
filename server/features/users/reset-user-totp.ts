import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { sessionsEnded } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import { users } from '../../platform/db/schema';
import { ensureAdmin, type StaffActor } from '../../platform/http/actor';
import { conflict, notFound } from '../../platform/http/problem';
import { destroySubjectSessions } from '../auth';
import { type UserRow, userColumns } from './queries';

/**
 * An admin turns off two-factor sign-in for a user who lost their authenticator (409 when it is
 * not on). The secret is erased and the user's sessions end: whoever held the old device must sign
 * in again with the password alone, and the user enrols again.
 */
export async function resetUserTotp(
  deps: Pick<Deps, 'db' | 'clock' | 'bus' | 'outbox'>,
  input: { actor: StaffActor; ip?: string; userId: string },
): Promise<UserRow> {
  const { actor, userId } = input;
  ensureAdmin(actor);
  const now = deps.clock();
  return inTransaction(deps, async (tx, events) => {
    const where = and(eq(users.firmId, actor.firmId), eq(users.id, userId));
    const [before] = await tx.select(userColumns).from(users).where(where).for('update');
    if (!before) throw notFound('user');
    if (!before.totpEnabled)
      throw conflict('totp-not-enabled', 'Two-factor sign-in is not on for this user.');
    const [after] = await tx
      .update(users)
      .set({ totpEnabled: false, totpSecret: null, totpLastStep: null, updatedAt: now })
      .where(where)
      .returning(userColumns);
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'auth.totp_reset',
        targetType: 'user',
        targetId: userId,
      },
      now,
    );
    await destroySubjectSessions(tx, actor.firmId, userId);
    events.push(sessionsEnded(actor.firmId, { userIds: [userId] }));
    return after as UserRow;
  });
}
