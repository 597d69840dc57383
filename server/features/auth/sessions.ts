import type { CookieSerializeOptions } from '@fastify/cookie';
import { and, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Config } from '../../config';
import type { Deps } from '../../deps';
import type { Db, Executor } from '../../platform/db/client';
import { contacts, sessions, users } from '../../platform/db/schema';
import type { ContactActor, Permission, Role, StaffActor } from '../../platform/http/actor';
import { type SessionLimits, sessionExpiry, sessionIsLive, shouldTouch } from './policy';
import { randomSecret, sha256Hex, splitFirmSecret } from './secrets';

/** Cookie of a signed-in staff user: "<firmId>.<secret>". */
export const SESSION_COOKIE = 'parley_session';
/** Cookie of a signed-in portal contact, same format. */
export const PORTAL_SESSION_COOKIE = 'parley_portal_session';

/** Who a session belongs to. */
export type SubjectType = 'user' | 'contact';

/** A session being opened at sign-in. */
export interface NewSession {
  firmId: string;
  subjectType: SubjectType;
  subjectId: string;
  ip?: string | null;
  userAgent?: string | null;
}

/** A new session: the cookie value (shown to the browser only) and its CSRF token. */
export interface CreatedSession {
  cookieValue: string;
  csrfToken: string;
  sessionId: string;
}

/** A live session with its actor and the CSRF token its writes must carry. */
export interface ResolvedSession {
  actor: StaffActor | ContactActor;
  csrfToken: string;
}

/** The session lifetime limits of the configuration. */
export const limitsOf = (config: Config): SessionLimits => ({
  idleMinutes: config.SESSION_IDLE_MINUTES,
  maxHours: config.SESSION_MAX_HOURS,
});

/** Attributes of both session cookies: HttpOnly, SameSite=Lax, Secure when served over https (servedOverHttps). */
export function sessionCookieOptions(config: Config, secure: boolean): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    maxAge: config.SESSION_MAX_HOURS * 3600,
  };
}

/** Opens a session inside the caller's transaction; the row keeps only the SHA-256 of the secret. */
export async function createSession(
  deps: Pick<Deps, 'config' | 'clock'>,
  tx: Executor,
  input: NewSession,
): Promise<CreatedSession> {
  const secret = randomSecret();
  const sessionId = sha256Hex(secret);
  const csrfToken = randomSecret();
  const now = deps.clock();
  await tx.insert(sessions).values({
    firmId: input.firmId,
    id: sessionId,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: sessionExpiry(limitsOf(deps.config), now),
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  return { cookieValue: `${input.firmId}.${secret}`, csrfToken, sessionId };
}

/**
 * Sessions with what decides whether each is still good: its times and its subject's current
 * standing (a user's active flag, role and permissions; a contact's portal status), plus `extra`
 * columns. A left join each: a session whose subject is gone still answers, with nulls.
 */
function sessionsWithSubject<Extra extends SelectedFields>(ex: Executor, extra: Extra) {
  return ex
    .select({
      ...extra,
      subjectType: sessions.subjectType,
      subjectId: sessions.subjectId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userActive: users.active,
      role: users.role,
      permissions: users.permissions,
      portalStatus: contacts.portalStatus,
    })
    .from(sessions)
    .leftJoin(
      users,
      and(
        eq(sessions.subjectType, 'user'),
        eq(users.firmId, sessions.firmId),
        eq(users.id, sessions.subjectId),
      ),
    )
    .leftJoin(
      contacts,
      and(
        eq(sessions.subjectType, 'contact'),
        eq(contacts.firmId, sessions.firmId),
        eq(contacts.id, sessions.subjectId),
      ),
    );
}

// Every request runs it: built once per database and prepared on each connection (PostgreSQL then
// plans it once per connection, and nothing rebuilds its SQL per request).
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

function prepareSessionLookup(db: Db) {
  return sessionsWithSubject(db, { csrfToken: sessions.csrfToken })
    .where(and(eq(sessions.firmId, sql.placeholder('firmId')), eq(sessions.id, sql.placeholder('id'))))
    .prepare('parley_load_session');
}

function sessionLookup(db: Db) {
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  return lookup;
}

/**
 * Loads the live session a cookie names, with its actor (current role and permissions) and CSRF
 * token; null when the cookie is malformed or unknown, the session is idle or past its end, the
 * user is inactive, the contact's portal is not active, or it belongs to another kind of subject.
 */
export async function loadSession(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  cookieValue: string | undefined,
  subjectType?: SubjectType,
): Promise<ResolvedSession | null> {
  const parsed = cookieValue ? splitFirmSecret(cookieValue, '.') : null;
  if (!parsed) return null;
  const { firmId } = parsed;
  const id = sha256Hex(parsed.secret);
  const [row] = await sessionLookup(deps.db).execute({ firmId, id });
  if (!row) return null;
  if (subjectType && row.subjectType !== subjectType) return null;
  const now = deps.clock();
  if (!sessionIsLive(row, limitsOf(deps.config), now)) {
    await destroySession(deps.db, firmId, id);
    return null;
  }
  if (shouldTouch(row.lastSeenAt, now)) {
    await deps.db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.firmId, firmId), eq(sessions.id, id), lt(sessions.lastSeenAt, now)));
  }
  if (row.subjectType === 'user' && row.userActive && row.role) {
    return {
      csrfToken: row.csrfToken,
      actor: {
        kind: 'user',
        firmId,
        userId: row.subjectId,
        role: row.role as Role,
        permissions: (row.permissions ?? []) as Permission[],
        via: 'session',
        sessionId: id,
      },
    };
  }
  if (row.subjectType === 'contact' && row.portalStatus === 'active') {
    return {
      csrfToken: row.csrfToken,
      actor: { kind: 'contact', firmId, contactId: row.subjectId, via: 'session', sessionId: id },
    };
  }
  return null;
}

/** A session named by its firm and id. */
export interface SessionRef {
  firmId: string;
  sessionId: string;
}

/** What loadSessionStates reports of one session: its times and its subject's current standing. */
export interface SessionState {
  lastSeenAt: Date;
  expiresAt: Date;
  subjectType: string;
  subjectId: string;
  /** Staff sessions: whether the user is active (null when the user is gone). */
  userActive: boolean | null;
  role: string | null;
  permissions: string[] | null;
  /** Portal sessions: the contact's portal status. */
  portalStatus: string | null;
}

// Bounds the parameters of one query (PostgreSQL allows 65,535) however many streams a process holds.
const STATES_PER_QUERY = 1_000;

/**
 * The current state of many sessions, keyed by session id, in one query per thousand; a session
 * that no longer exists is absent. Read-only: it neither extends nor deletes a session.
 */
export async function loadSessionStates(
  deps: Pick<Deps, 'db'>,
  refs: SessionRef[],
): Promise<Map<string, SessionState>> {
  const states = new Map<string, SessionState>();
  for (let start = 0; start < refs.length; start += STATES_PER_QUERY) {
    const byFirm = new Map<string, string[]>();
    for (const { firmId, sessionId } of refs.slice(start, start + STATES_PER_QUERY)) {
      byFirm.set(firmId, [...(byFirm.get(firmId) ?? []), sessionId]);
    }
    const rows = await sessionsWithSubject(deps.db, { id: sessions.id }).where(
      or(...[...byFirm].map(([firmId, ids]) => and(eq(sessions.firmId, firmId), inArray(sessions.id, ids)))),
    );
    for (const { id, ...state } of rows) states.set(id, state);
  }
  return states;
}

/** The actor of a live session cookie (staff or portal), or null. */
export async function resolveSession(
  deps: Deps,
  cookieValue: string | undefined,
): Promise<StaffActor | ContactActor | null> {
  return (await loadSession(deps, cookieValue))?.actor ?? null;
}

/** Ends one session server-side; true when it existed. */
export async function destroySession(db: Executor, firmId: string, sessionId: string): Promise<boolean> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.firmId, firmId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  return gone.length > 0;
}

/**
 * Ends every session of a user or contact (deactivation, password change), but `keep` (the session
 * that changed its own password); returns the ids of the sessions ended, whose sockets must close.
 */
export async function destroySubjectSessions(
  db: Executor,
  firmId: string,
  subjectId: string,
  keep?: string,
): Promise<string[]> {
  const gone = await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.firmId, firmId),
        eq(sessions.subjectId, subjectId),
        keep === undefined ? undefined : ne(sessions.id, keep),
      ),
    )
    .returning({ id: sessions.id });
  return gone.map((s) => s.id);
}
