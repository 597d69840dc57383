import type { Deps } from '../../server/deps';
import { createSession } from '../../server/features/auth/sessions';
import type { BusEvent } from '../../server/platform/bus/bus';
import type { TestApp } from '../support/app';

/** A signed-in portal contact of the demo firm: its id and the value of its session cookie. */
export async function portalSession(
  t: TestApp,
): Promise<{ contactId: string; firmId: string; cookie: string }> {
  // Activation is tested elsewhere; here any contact with an active portal will do.
  const [contact] = await t.database.query<{ id: string; firm_id: string }>(
    "UPDATE contacts SET portal_status = 'active' WHERE id = (SELECT id FROM contacts ORDER BY id LIMIT 1) RETURNING id, firm_id",
  );
  if (!contact) throw new Error('the seeded database has no contact');
  const session = await createSession(t.deps, t.deps.db, {
    firmId: contact.firm_id,
    subjectType: 'contact',
    subjectId: contact.id,
  });
  return { contactId: contact.id, firmId: contact.firm_id, cookie: session.cookieValue };
}

/**
 * Publishes events of any type straight on the bus, past the contract's typed helpers: what the
 * gateway delivers to whom does not depend on an event's type or payload.
 */
export function publishRaw(deps: Pick<Deps, 'bus'>, events: BusEvent[]): void {
  for (const event of events) deps.bus.publish(event);
}
