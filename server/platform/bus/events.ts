import type { StreamEventInput, StreamEventType } from '../../../contracts/realtime/events';
import type { Audience } from './bus';

/**
 * Internal event that closes sockets instead of reaching them (logout, deactivation, role change:
 * the client reconnects and is authorised afresh). Never forwarded to a client.
 */
export const SESSION_ENDED = 'session.ended';

/** Data of a SESSION_ENDED event: every socket matching any of the lists is closed. */
export interface SessionEndedData {
  sessionIds?: string[];
  userIds?: string[];
  contactIds?: string[];
}

type Routed<T extends string, D> = { type: T; firmId: string; audience: Audience; data: D };

/**
 * An event as the server publishes it: a stream event whose payload its contract types, or the
 * internal session end. Use cases push these, so a payload that drifts from contracts/ fails to compile.
 */
export type PublishedEvent =
  | { [T in StreamEventType]: Routed<T, StreamEventInput<T>> }[StreamEventType]
  | Routed<typeof SESSION_ENDED, SessionEndedData>;

/**
 * The event that closes, on every process, the streams of the given sessions, users or contacts.
 * Pushed inside `inTransaction`, so it is published once the change commits: logout (sessionIds),
 * deactivation or a role/permission change (userIds, so the client reconnects with its new rights),
 * portal deactivation (contactIds).
 */
export function sessionsEnded(firmId: string, which: SessionEndedData): PublishedEvent {
  return { type: SESSION_ENDED, firmId, audience: {}, data: which };
}

/** A stream event of `type` for `audience` in the firm, its payload checked against the contract. */
export function busEvent<T extends StreamEventType>(
  type: T,
  firmId: string,
  audience: Audience,
  data: StreamEventInput<T>,
): PublishedEvent {
  return { type, firmId, audience, data } as PublishedEvent;
}
