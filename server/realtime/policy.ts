import type { SessionState } from '../features/auth';
import { type SessionLimits, sessionIsLive } from '../features/auth';
import type { Actor } from '../platform/http/actor';

/**
 * True when a browser page at `origin` may open the stream: the page is served by this server
 * (same scheme and host as the request) or by PUBLIC_URL. A missing or malformed Origin is
 * refused, which is what stops cross-site WebSocket hijacking with the session cookie.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  request: { protocol: string; host: string | undefined },
  publicUrl: string | undefined,
): boolean {
  if (!origin) return false;
  let actual: string;
  try {
    actual = new URL(origin).origin;
  } catch {
    return false;
  }
  if (actual === 'null') return false;
  if (publicUrl && new URL(publicUrl).origin === actual) return true;
  if (!request.host) return false;
  try {
    return new URL(`${request.protocol}://${request.host}`).origin === actual;
  } catch {
    return false;
  }
}

/** A socket's allowance of inbound frames: a token bucket, refilled continuously. */
export interface FrameBucket {
  tokens: number;
  /** When the tokens were counted (milliseconds). */
  at: number;
}

/** Burst size and steady rate of a FrameBucket. */
export interface FrameRate {
  burst: number;
  perSecond: number;
}

/**
 * What a client may send. Browsers send nothing but the pong answering each heartbeat (one every
 * REALTIME_HEARTBEAT_MS), so this is far above normal use and far below a flood.
 */
export const inboundFrameRate: FrameRate = { burst: 20, perSecond: 10 };

/** A full bucket at `now`. */
export function fullBucket(rate: FrameRate, now: number): FrameBucket {
  return { tokens: rate.burst, at: now };
}

/** The bucket after one frame arrives at `now`, or null when it is empty: the client is flooding. */
export function takeFrame(bucket: FrameBucket, rate: FrameRate, now: number): FrameBucket | null {
  const elapsed = Math.max(0, now - bucket.at);
  const tokens = Math.min(rate.burst, bucket.tokens + (elapsed / 1000) * rate.perSecond);
  if (tokens < 1) return null;
  return { tokens: tokens - 1, at: now };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((x) => set.has(x));
}

/**
 * True while a socket may keep receiving events: its session still exists and is live, and the
 * actor resolved at upgrade still matches it. A changed role or permission set ends the stream too,
 * since its deliveries are decided from the actor captured at upgrade; the client reconnects and is
 * authorised afresh.
 */
export function streamMayContinue(
  actor: Actor,
  state: SessionState | undefined,
  limits: SessionLimits,
  now: Date,
): boolean {
  if (!state || !sessionIsLive(state, limits, now)) return false;
  if (actor.kind === 'contact') {
    return (
      state.subjectType === 'contact' &&
      state.subjectId === actor.contactId &&
      state.portalStatus === 'active'
    );
  }
  return (
    state.subjectType === 'user' &&
    state.subjectId === actor.userId &&
    state.userActive === true &&
    state.role === actor.role &&
    sameSet(state.permissions ?? [], actor.permissions)
  );
}
