import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Executor } from '../../platform/db/client';
import { users } from '../../platform/db/schema';

const ISSUER = 'Parley';
const PERIOD_SECONDS = 30;

function totpOf(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  });
}

/** A new random TOTP secret (160 bits, base32) and its otpauth:// URL for authenticator apps. */
export function newTotpSecret(label: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpOf(secret, label).toString() };
}

/** The time step a code is valid for at now, within ±1 step of clock drift; null when it is wrong. */
export function totpStepOf(secretBase32: string, code: string, now: Date): number | null {
  const totp = totpOf(secretBase32, 'check');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return totp.counter({ timestamp: now.getTime() }) + delta;
}

/** The code of the current step (tests and the setup screen's preview). */
export function currentTotpCode(secretBase32: string, now: Date): string {
  return totpOf(secretBase32, 'code').generate({ timestamp: now.getTime() });
}

/**
 * Records step as the user's last accepted TOTP step unless that step (or a later one) was
 * already used; false means the code is a replay. One conditional write, so it holds under races.
 */
export async function consumeTotpStep(
  db: Executor,
  firmId: string,
  userId: string,
  step: number,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(users.firmId, firmId),
        eq(users.id, userId),
        or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
      ),
    )
    .returning({ id: users.id });
  return rows.length > 0;
}
