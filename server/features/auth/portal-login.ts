import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { contacts, portalLogins } from '../../platform/db/schema';
import { normaliseEmail } from '../../platform/http/fields';
import { tooManyRequests } from '../../platform/http/problem';
import { deviceCookieKey, isKnownDevice } from './device-cookie';
import { openSignedInSession } from './open-signed-in-session';
import { dummyPasswordHash, verifyPassword } from './password';
import { invalidCredentials } from './problems';
import { type LoginAttempt, loginRetryAfterSeconds, recordLoginFailure } from './throttle';

export interface PortalLoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  /** The parley_portal_device cookie the browser sent, if any. */
  deviceCookie?: string;
}

/** A contact signed in to the portal. */
export interface PortalLoginResult {
  contact: { id: string; firmId: string; name: string; email: string };
  sessionCookie: string;
  csrfToken: string;
  deviceCookie: string;
}

/**
 * Signs a contact in to the portal. The address may belong to contacts of several firms: the
 * password picks the one whose active portal it opens. Unknown addresses and wrong passwords get
 * the same answer after a comparable amount of work.
 */
export async function portalLogin(deps: Deps, input: PortalLoginInput): Promise<PortalLoginResult> {
  const email = normaliseEmail(input.email);
  const deviceKey = deviceCookieKey(deps);
  const attempt: LoginAttempt = {
    realm: 'portal',
    account: email,
    address: input.ip,
    knownDevice: isKnownDevice(deviceKey, 'portal', email, input.deviceCookie, deps.clock()),
  };
  const wait = await loginRetryAfterSeconds(deps, attempt);
  if (wait > 0) throw tooManyRequests(wait);

  const candidates = await deps.db
    .select({
      firmId: contacts.firmId,
      id: contacts.id,
      name: contacts.name,
      portalStatus: contacts.portalStatus,
      passwordHash: contacts.portalPasswordHash,
    })
    .from(portalLogins)
    .innerJoin(
      contacts,
      and(eq(contacts.firmId, portalLogins.firmId), eq(contacts.id, portalLogins.contactId)),
    )
    .where(eq(portalLogins.email, email));

  const open = candidates.filter((c) => c.portalStatus === 'active' && c.passwordHash);
  let match: (typeof candidates)[number] | undefined;
  for (const c of open) {
    if (await verifyPassword(c.passwordHash as string, input.password)) {
      match = c;
      break;
    }
  }
  if (open.length === 0) await verifyPassword(dummyPasswordHash, input.password);

  if (!match) {
    const now = deps.clock();
    deps.metrics.loginFailures.inc();
    await deps.db.transaction(async (tx) => {
      await recordLoginFailure(tx, attempt, now);
      for (const c of candidates) {
        await recordAudit(
          tx,
          {
            firmId: c.firmId,
            actorType: 'contact',
            actorId: c.id,
            action: 'portal.login_failed',
            targetType: 'contact',
            targetId: c.id,
            ip: input.ip,
            details: { reason: open.includes(c) ? 'bad_password' : 'portal_inactive' },
          },
          now,
        );
      }
    });
    throw invalidCredentials();
  }

  const contact = match;
  const opened = await openSignedInSession(deps, {
    firmId: contact.firmId,
    subject: { type: 'contact', id: contact.id },
    attempt,
    deviceKey,
    ip: input.ip,
    userAgent: input.userAgent,
    action: 'portal.login',
    details: { knownDevice: attempt.knownDevice },
  });
  return { contact: { id: contact.id, firmId: contact.firmId, name: contact.name, email }, ...opened };
}
