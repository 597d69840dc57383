import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict, unprocessable } from '../../platform/http/problem';
import { currentUser } from './me';
import { verifyPassword } from './password';
import { type LoginAttempt, throttledCheck } from './throttle';

/** Turns two-factor sign-in off after the user re-enters their password; the secret is erased. */
export async function disableTotp(deps: Deps, input: { actor: StaffActor; password: string; ip: string }) {
  const { actor } = input;
  const user = await currentUser(deps, actor);
  const attempt: LoginAttempt = { realm: 'staff', account: user.email, address: input.ip, knownDevice: true };
  if (!(await throttledCheck(deps, attempt, () => verifyPassword(user.passwordHash, input.password))))
    throw unprocessable('invalid-password', 'The password is wrong.');
  if (!user.totpEnabled) throw conflict('totp-not-enabled', 'Two-factor sign-in is not on.');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabled: false, totpSecret: null, totpLastStep: null, updatedAt: now })
      .where(and(eq(users.firmId, actor.firmId), eq(users.id, actor.userId)));
    await recordAudit(
      tx,
      {
        firmId: actor.firmId,
        actorType: 'user',
        actorId: actor.userId,
        action: 'auth.totp_disabled',
        targetType: 'user',
        targetId: actor.userId,
        ip: input.ip,
      },
      now,
    );
  });
}
