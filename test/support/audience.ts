import type { Audience } from '../../server/platform/bus/bus';
import type { StaffActor } from '../../server/platform/http/actor';

/**
 * True when an event with this audience reaches the staff user, by the contract of Audience in
 * server/platform/bus/bus.ts (the gateway delivers when any field names them). Written out here,
 * not imported, so that tests of who is in an audience do not trust the code that builds it.
 */
export function reachesStaff(audience: Audience, actor: StaffActor): boolean {
  if (audience.userIds?.includes(actor.userId)) return true;
  const permission = audience.permission;
  return permission !== undefined && (actor.role === 'admin' || actor.permissions.includes(permission));
}
