import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { staffLogins, users } from '../../platform/db/schema';
import { normaliseEmail } from '../../platform/http/fields';
import { tooManyRequests } from '../../platform/http/problem';
import { deviceCookieKey, isKnownDevice } from './device-cookie';
import { openSignedInSession } from './open-signed-in-session';
import { dummyPasswordHash, verifyPassword } from './password';
import { invalidCredentials, totpRequired } from './problems';
import { type LoginAttempt, loginRetryAfterSeconds, recordLoginFailure } from './throttle';
import { consumeTotpStep, totpStepOf } from './totp-code';

export interface LoginInput {
  email: string;
  password: string;
  /** Current authenticator code, when the account has two-factor sign-in. */
  totp?: string;
  /** Client address (request.ip). */
  ip: string;
  userAgent?: string;
  /** The parley_device cookie the browser sent, if any. */
  deviceCookie?: string;
}

type UserRow = typeof users.$inferSelect;

/** A successful sign-in: the user, the new session's cookie and CSRF token, a fresh device cookie. */
export interface LoginResult {
  user: UserRow;
  sessionCookie: string;
  csrfToken: string;
  deviceCookie: string;
}

type FailureReason = 'bad_password' | 'inactive' | 'bad_totp' | 'totp_replay';

/**
 * Signs a staff user in: throttle check, password (verified against a dummy hash for unknown
 * e-mails, so both answers look and take alike), TOTP when enabled, then a new session.
 */
export async function login(deps: Deps, input: LoginInput): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const deviceKey = deviceCookieKey(deps);
  const attempt: LoginAttempt = {
    realm: 'staff',
    account: email,
    address: input.ip,
    knownDevice: isKnownDevice(deviceKey, 'staff', email, input.deviceCookie, deps.clock()),
  };
  const wait = await loginRetryAfterSeconds(deps, attempt);
  if (wait > 0) throw tooManyRequests(wait);

  const user = await findUser(deps, email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? dummyPasswordHash, input.password);

  const fail = async (reason: FailureReason) => {
    const now = deps.clock();
    deps.metrics.loginFailures.inc();
    await deps.db.transaction(async (tx) => {
      await recordLoginFailure(tx, attempt, now);
      if (user) {
        await recordAudit(
          tx,
          {
            firmId: user.firmId,
            actorType: 'user',
            actorId: user.id,
            action: 'auth.login_failed',
            targetType: 'user',
            targetId: user.id,
            ip: input.ip,
            details: { reason },
          },
          now,
        );
      }
    });
  };

  if (!user || !passwordOk || !user.active) {
    await fail(user && passwordOk ? 'inactive' : 'bad_password');
    throw invalidCredentials();
  }

  if (user.totpEnabled) {
    if (!input.totp) throw totpRequired();
    const step = user.totpSecret
      ? totpStepOf(
          await deps.keyring.decryptForFirm(deps.db, user.firmId, user.totpSecret, 'totp'),
          input.totp,
          deps.clock(),
        )
      : null;
    if (step === null) {
      await fail('bad_totp');
      throw totpRequired();
    }
    if (!(await consumeTotpStep(deps.db, user.firmId, user.id, step))) {
      await fail('totp_replay');
      throw totpRequired();
    }
  }

  const opened = await openSignedInSession(deps, {
    firmId: user.firmId,
    subject: { type: 'user', id: user.id },
    attempt,
    deviceKey,
    ip: input.ip,
    userAgent: input.userAgent,
    action: 'auth.login',
    details: { totp: user.totpEnabled, knownDevice: attempt.knownDevice },
  });
  return { user: user, ...opened };
}

async function findUser(deps: Deps, email: string): Promise<UserRow | undefined> {
  const [login] = await deps.db.select().from(staffLogins).where(eq(staffLogins.email, email));
  if (!login) return undefined;
  const [user] = await deps.db
    .select()
    .from(users)
    .where(and(eq(users.firmId, login.firmId), eq(users.id, login.userId)));
  return user;
}
