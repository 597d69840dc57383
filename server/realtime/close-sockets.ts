import type { Deps } from '../deps';
import { SESSION_ENDED, type SessionEndedData } from '../platform/bus/events';
import { publishEvents } from '../platform/bus/in-transaction';

/**
 * Closes, on every process, the streams of the given sessions, users or contacts. Call it after
 * the change commits: logout (sessionIds), deactivation or a role/permission change (userIds, so
 * the client reconnects with its new rights), portal deactivation (contactIds).
 */
export function closeSessionSockets(deps: Pick<Deps, 'bus'>, firmId: string, which: SessionEndedData): void {
  publishEvents(deps, [{ type: SESSION_ENDED, firmId, audience: {}, data: which }]);
}
