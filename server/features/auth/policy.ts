// Pure sign-in rules: login throttling (OWASP: slow attackers down without letting anyone lock a
// victim out), session lifetime and which requests need a CSRF token.

/** One failed-login counter as stored in login_throttle. */
export interface ThrottleCounter {
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
}

/** How a counter blocks once its free failures are used up. */
export type ThrottleRule =
  | {
      windowSeconds: number;
      freeFailures: number;
      /** Each failure past the free ones doubles the wait, from baseSeconds up to maxSeconds. */
      block: 'exponential';
      baseSeconds: number;
      maxSeconds: number;
    }
  | {
      windowSeconds: number;
      freeFailures: number;
      /** Blocked until the counting window ends. */
      block: 'until-window-end';
    };

/** The three counters a sign-in attempt is measured against. */
export type ThrottleScope = 'accountAddress' | 'address' | 'account';

export const throttleRules: Record<ThrottleScope, ThrottleRule> = {
  // One address guessing one account's password: exponential backoff after 5 failures.
  accountAddress: {
    windowSeconds: 60 * 60,
    freeFailures: 5,
    block: 'exponential',
    baseSeconds: 2,
    maxSeconds: 15 * 60,
  },
  // One address spraying many accounts.
  address: { windowSeconds: 15 * 60, freeFailures: 50, block: 'until-window-end' },
  // Many addresses on one account; only applies to browsers without the account's known-device cookie.
  account: { windowSeconds: 15 * 60, freeFailures: 20, block: 'until-window-end' },
};

/** The counter after one more failure at now (a counter whose window has passed starts again). */
export function afterFailure(
  rule: ThrottleRule,
  counter: ThrottleCounter | null,
  now: Date,
): ThrottleCounter {
  const fresh = !counter || now.getTime() - counter.windowStartedAt.getTime() >= rule.windowSeconds * 1000;
  const failures = fresh ? 1 : counter.failures + 1;
  const windowStartedAt = fresh ? now : counter.windowStartedAt;
  if (failures < rule.freeFailures) return { failures, windowStartedAt, blockedUntil: null };
  const blockedUntil =
    rule.block === 'exponential'
      ? new Date(
          now.getTime() +
            Math.min(rule.baseSeconds * 2 ** (failures - rule.freeFailures), rule.maxSeconds) * 1000,
        )
      : new Date(windowStartedAt.getTime() + rule.windowSeconds * 1000);
  return { failures, windowStartedAt, blockedUntil };
}

/** Seconds until the counter lets an attempt through (0: now). */
export function secondsBlocked(counter: ThrottleCounter | null, now: Date): number {
  if (!counter?.blockedUntil) return 0;
  return Math.max(0, Math.ceil((counter.blockedUntil.getTime() - now.getTime()) / 1000));
}

/** The counters of one attempt, as loaded (null when there is none). */
export type AttemptCounters = Record<ThrottleScope, ThrottleCounter | null>;

/**
 * Seconds the attempt must wait (0: go ahead). A browser holding the account's known-device cookie
 * is exempt from the account-wide counter, so an attacker hammering the account from many
 * addresses cannot lock its owner out.
 */
export function loginRetryAfter(counters: AttemptCounters, knownDevice: boolean, now: Date): number {
  return Math.max(
    secondsBlocked(counters.accountAddress, now),
    secondsBlocked(counters.address, now),
    knownDevice ? 0 : secondsBlocked(counters.account, now),
  );
}

/** The counters a failure counts against: the account-wide one only for unknown devices. */
export function scopesCountingFailure(knownDevice: boolean): ThrottleScope[] {
  return knownDevice ? ['accountAddress', 'address'] : ['accountAddress', 'address', 'account'];
}

/** Session lifetime limits, from SESSION_IDLE_MINUTES and SESSION_MAX_HOURS. */
export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** True while a session is neither idle too long nor past its absolute end. */
export function sessionIsLive(
  session: { lastSeenAt: Date; expiresAt: Date },
  limits: SessionLimits,
  now: Date,
): boolean {
  return (
    now.getTime() < session.expiresAt.getTime() &&
    now.getTime() - session.lastSeenAt.getTime() < limits.idleMinutes * 60_000
  );
}

/** When a new session ends at the latest. */
export function sessionExpiry(limits: SessionLimits, now: Date): Date {
  return new Date(now.getTime() + limits.maxHours * 3_600_000);
}

// Refreshing last-seen on every request would write once per request; a minute's precision is plenty.
const LAST_SEEN_PRECISION_MS = 60_000;

/** True when a use at now should move the session's last-seen time (at most once a minute). */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS;
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Sign-in endpoints (and portal activation, which signs in): they create the session the CSRF token belongs to. */
export const csrfExemptRoutes = new Set([
  '/api/v1/auth/login',
  '/api/v1/portal/auth/login',
  '/api/v1/portal/auth/activate',
]);

/** True when a cookie-authenticated request must carry the session's CSRF token. */
export function needsCsrf(method: string, route: string | undefined): boolean {
  return stateChanging.has(method) && !(route !== undefined && csrfExemptRoutes.has(route));
}

/**
 * True where cookies and API tokens sign in: the JSON API and the development tools (/dev, whose mail
 * and texts belong to one firm, and whose writes need the CSRF token like any other). Webhooks
 * authenticate by their own signatures.
 */
export function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/dev/');
}

/**
 * True for the customer's secure chat API (a Message Center link), which signs in by its link and
 * device cookie alone: a staff cookie in the same browser neither signs it in nor demands its CSRF token.
 */
export function isSecureChatLinkPath(url: string): boolean {
  return url.startsWith('/api/v1/secure-chat-invites/');
}

/** True for the client portal's API, where the portal cookie (not the staff cookie) signs in. */
export function isPortalPath(url: string): boolean {
  return url.startsWith('/api/v1/portal/');
}
