import type { Deps } from '../deps';
import { publishEvents } from '../platform/bus/in-transaction';
import { SESSION_ENDED, type SessionEndedData } from './gateway';

/**
 * Closes, on every process, the streams of the given sessions, users or contacts. Call it after
 * the change commits: logout (sessionIds), deactivation or a role/permission change (userIds, so
 * the client reconnects with its new rights), portal deactivation (contactIds).
 */
export async function closeSessionSockets(
  deps: Pick<Deps, 'bus' | 'log'>,
  firmId: string,
  which: SessionEndedData,
): Promise<void> {
  await publishEvents(deps, [{ type: SESSION_ENDED, firmId, audience: {}, data: which }]);
}
