import { eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../deps';
import type { Executor } from '../../platform/db/client';
import { loginThrottle } from '../../platform/db/schema';
import { tooManyRequests } from '../../platform/http/problem';
import {
  type AttemptCounters,
  afterFailure,
  loginRetryAfter,
  scopesCountingFailure,
  type ThrottleScope,
  throttleRules,
} from './policy';
import { sha256Hex } from './secrets';

/** Staff and portal sign-ins are throttled separately (the per-address ceiling is shared). */
export type LoginRealm = 'staff' | 'portal';

/** One sign-in attempt as the throttle sees it. */
export interface LoginAttempt {
  realm: LoginRealm;
  /** The normalised e-mail, whether or not such an account exists. */
  account: string;
  /** Client address (request.ip). */
  address: string;
  /** The browser holds a valid known-device cookie for the account. */
  knownDevice: boolean;
}

// Keys hold hashes only: the throttle table is not firm data and should not collect e-mails or addresses.
function keysOf(attempt: LoginAttempt): Record<ThrottleScope, string> {
  const account = sha256Hex(`${attempt.realm}:${attempt.account}`).slice(0, 32);
  const address = sha256Hex(`address:${attempt.address}`).slice(0, 32);
  return {
    accountAddress: `${attempt.realm}:account-address:${account}:${address}`,
    address: `address:${address}`,
    account: `${attempt.realm}:account:${account}`,
  };
}

/** Seconds the attempt must wait before its password is even checked (0: go ahead). */
export async function loginRetryAfterSeconds(
  deps: Pick<Deps, 'db' | 'clock'>,
  attempt: LoginAttempt,
): Promise<number> {
  const keys = keysOf(attempt);
  const rows = await deps.db
    .select()
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, Object.values(keys)));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const counters = Object.fromEntries(
    (Object.keys(keys) as ThrottleScope[]).map((scope) => [scope, byKey.get(keys[scope]) ?? null]),
  ) as AttemptCounters;
  return loginRetryAfter(counters, attempt.knownDevice, deps.clock());
}

/** Counts a failed attempt; row locks make concurrent failures from several processes all count. */
export async function recordLoginFailure(tx: Executor, attempt: LoginAttempt, now: Date): Promise<void> {
  const keys = keysOf(attempt);
  // Lock in key order so two attempts sharing counters cannot deadlock.
  const scopes = scopesCountingFailure(attempt.knownDevice).sort((a, b) => keys[a].localeCompare(keys[b]));
  for (const scope of scopes) {
    const key = keys[scope];
    await tx
      .insert(loginThrottle)
      .values({ key, failures: 0, windowStartedAt: now, blockedUntil: null })
      .onConflictDoNothing();
    const [current] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for('update');
    const next = afterFailure(throttleRules[scope], current?.failures ? current : null, now);
    await tx.update(loginThrottle).set(next).where(eq(loginThrottle.key, key));
  }
}

/** A successful sign-in forgives that browser's address its failures on the account. */
export async function clearAccountAddressFailures(tx: Executor, attempt: LoginAttempt): Promise<void> {
  await tx.delete(loginThrottle).where(eq(loginThrottle.key, keysOf(attempt).accountAddress));
}

/**
 * Runs a secret check other than sign-in (the current password, a two-factor code, an activation
 * link) under the sign-in throttle: 429 while the attempt's counters block it, and a failed check
 * counts like a failed sign-in. True when the check passed.
 */
export async function throttledCheck(
  deps: Pick<Deps, 'db' | 'clock'>,
  attempt: LoginAttempt,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const wait = await loginRetryAfterSeconds(deps, attempt);
  if (wait > 0) throw tooManyRequests(wait);
  if (await check()) return true;
  await deps.db.transaction((tx) => recordLoginFailure(tx, attempt, deps.clock()));
  return false;
}
