import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict, unprocessable } from '../../platform/http/problem';
import { currentUser } from './me';
import { type LoginAttempt, throttledCheck } from './throttle';
import { totpStepOf } from './totp-code';

/** Turns two-factor sign-in on once the user proves their app has the secret (a valid code). */
export async function enableTotp(deps: Deps, input: { actor: StaffActor; code: string; ip: string }) {
  const { actor } = input;
  const user = await currentUser(deps, actor);
  if (user.totpEnabled) throw conflict('totp-enabled', 'Two-factor sign-in is already on.');
  if (!user.totpSecret) throw conflict('totp-not-set-up', 'Start the two-factor set-up first.');
  const secret = await deps.keyring.decryptForFirm(deps.db, actor.firmId, user.totpSecret, 'totp');
  const now = deps.clock();
  // Six digits are few: wrong codes count like failed sign-ins, so they cannot be run through quickly.
  const attempt: LoginAttempt = { realm: 'staff', account: user.email, address: input.ip, knownDevice: true };
  const step = totpStepOf(secret, input.code, now);
  if (!(await throttledCheck(deps, attempt, async () => step !== null)) || step === null)
    throw unprocessable('invalid-totp', 'The code is wrong or has expired.');
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ totpEnabled: true, totpLastStep: step, updatedAt: now })
      .where(
        and(
          eq(users.firmId, actor.firmId),
          eq(users.id, actor.userId),
          eq(users.totpEnabled, false),
          eq(users.totpSecret, user.totpSecret as string),
        ),
      )
      .returning({ id: users.id });
    if (updated.length === 0)
      throw conflict('totp-changed', 'Two-factor set-up changed meanwhile; start again.');
    await recordAudit(
      tx,
      {
        firmId: actor.firmId,
        actorType: 'user',
        actorId: actor.userId,
        action: 'auth.totp_enabled',
        targetType: 'user',
        targetId: actor.userId,
        ip: input.ip,
      },
      now,
    );
  });
}
