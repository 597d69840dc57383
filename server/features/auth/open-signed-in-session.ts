import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { issueDeviceCookie } from './device-cookie';
import { createSession } from './sessions';
import { clearAccountAddressFailures, type LoginAttempt } from './throttle';

/**
 * The end of every successful password sign-in, staff or portal: a new session, the throttle counter
 * of this account and address cleared, the sign-in audited (all in one transaction), and a fresh
 * known-device cookie for the browser.
 */
export async function openSignedInSession(
  deps: Deps,
  input: {
    firmId: string;
    subject: { type: 'user' | 'contact'; id: string };
    attempt: LoginAttempt;
    deviceKey: Buffer;
    ip: string;
    userAgent?: string;
    action: string;
    details: Record<string, unknown>;
  },
): Promise<{ sessionCookie: string; csrfToken: string; deviceCookie: string }> {
  const { firmId, subject, attempt } = input;
  const now = deps.clock();
  const session = await deps.db.transaction(async (tx) => {
    const created = await createSession(deps, tx, {
      firmId,
      subjectType: subject.type,
      subjectId: subject.id,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await clearAccountAddressFailures(tx, attempt);
    await recordAudit(
      tx,
      {
        firmId,
        actorType: subject.type,
        actorId: subject.id,
        action: input.action,
        targetType: subject.type,
        targetId: subject.id,
        ip: input.ip,
        details: input.details,
      },
      now,
    );
    return created;
  });
  return {
    sessionCookie: session.cookieValue,
    csrfToken: session.csrfToken,
    deviceCookie: issueDeviceCookie(input.deviceKey, attempt.realm, attempt.account, now),
  };
}
