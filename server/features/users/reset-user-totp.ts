import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { users } from '../../platform/db/schema';
import { ensureAdmin, type StaffActor } from '../../platform/http/actor';
import { conflict, notFound } from '../../platform/http/problem';
import { closeSessionSockets } from '../../realtime/close-sockets';
import { destroySubjectSessions } from '../auth/sessions';
import { type UserRow, userColumns } from './queries';

/**
 * An admin turns off two-factor sign-in for a user who lost their authenticator (409 when it is
 * not on). The secret is erased and the user's sessions end: whoever held the old device must sign
 * in again with the password alone, and the user enrols again.
 */
export async function resetUserTotp(
  deps: Pick<Deps, 'db' | 'clock' | 'bus'>,
  input: { actor: StaffActor; ip?: string; userId: string },
): Promise<UserRow> {
  const { actor, userId } = input;
  ensureAdmin(actor);
  const now = deps.clock();
  const updated = await deps.db.transaction(async (tx) => {
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
    return after as UserRow;
  });
  closeSessionSockets(deps, actor.firmId, { userIds: [userId] });
  return updated;
}
