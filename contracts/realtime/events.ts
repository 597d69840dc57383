import { z } from 'zod';
import { conversationKind, conversationStatus, deliveryOut, messageOut } from '../conversations';
import { notificationOut } from '../notifications';
import { secureInviteOut } from '../secure-invites';
import { billableEventOut, timeEntryOut } from '../time-capture';

// Every event the stream carries, one payload shape per type (API.md "Real time"). Events are small
// projections: clients patch their cache by id or refetch, so a field may be added, never renamed.

const id = z.string();
const isoTime = z.iso.datetime();

const event = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ type: z.literal(type), data });

/** A message was stored; it carries the whole message as the conversation's audience may see it. */
const messageCreated = event('message.created', z.object({ conversationId: id, message: messageOut }));

/** The deliveries of a message changed (e.g. the SMS was delivered): every delivery, current state. */
const messageUpdated = event(
  'message.updated',
  z.object({ conversationId: id, messageId: id, deliveries: z.array(deliveryOut) }),
);

const conversationCreated = event(
  'conversation.created',
  z.object({
    id,
    kind: conversationKind,
    status: conversationStatus,
    matterId: id.nullable(),
    contactId: id.nullable(),
  }),
);

/**
 * Something about a conversation changed; refetch it for the rest. `reason` says what: `status` (it
 * ended or closed), `members` (added or removed), `mute` (sent only to the member whose mute changed,
 * with memberId and muted set; null for the other reasons), `phone`, and for Message Center `claim`,
 * `alert` (an alert threshold passed), `transfer`, `consent` and `details`. status and endedAt are
 * always current.
 */
const conversationUpdated = event(
  'conversation.updated',
  z.object({
    id,
    reason: z.enum([
      'status',
      'members',
      'mute',
      'phone',
      'claim',
      'alert',
      'transfer',
      'consent',
      'details',
    ]),
    status: conversationStatus,
    endedAt: isoTime.nullable(),
    memberId: id.nullable(),
    muted: z.boolean().nullable(),
    /** The client's phone and the firm number it texts (E.164), for the kinds bridged to SMS. */
    contactPhone: z.string().nullable(),
    firmPhone: z.string().nullable(),
  }),
);

const conversationDeleted = event('conversation.deleted', z.object({ id }));

const notificationCreated = event('notification.created', notificationOut);

/** Notifications of a conversation its addressee has now read. */
const notificationRead = event('notification.read', z.object({ ids: z.array(id), conversationId: id }));

/** Notifications deleted because their addressee lost access to the conversation. */
const notificationRemoved = event('notification.removed', z.object({ ids: z.array(id) }));

/** A member's read position in a conversation moved forward. */
const readUpdated = event(
  'read.updated',
  z.object({
    conversationId: id,
    memberType: z.enum(['user', 'contact']),
    memberId: id,
    lastReadMessageId: id,
    at: isoTime,
  }),
);

const billableEventCreated = event('billable_event.created', billableEventOut);
const billableEventUpdated = event('billable_event.updated', billableEventOut);
const timeEntryCreated = event('time_entry.created', timeEntryOut);
const timeEntryUpdated = event('time_entry.updated', timeEntryOut);
/** A time entry was deleted (its billable event reopens, announced by billable_event.updated). */
const timeEntryDeleted = event('time_entry.deleted', z.object({ id, billableEventId: id }));
/** An export marked entries exported: they can no longer change. */
const timeEntryExported = event('time_entry.exported', z.object({ count: z.number().int() }));

/** A Message Center conversation's secure chat invitation changed (sent, opened, accepted, revoked …). */
const secureInviteUpdated = event('secure_invite.updated', secureInviteOut);
/** A Message Center agent came online or went offline (sent to the firm's agents). */
const presenceUpdated = event(
  'presence.updated',
  z.object({ userId: id, online: z.boolean(), since: isoTime.nullable() }),
);

/** Answer to POST /api/v1/stream/ping, on every server the caller has a stream open to. */
const pong = event('pong', z.object({ at: isoTime }));

/** Every event the server publishes to streams, discriminated by `type`. */
export const streamEvent = z.discriminatedUnion('type', [
  messageCreated,
  messageUpdated,
  conversationCreated,
  conversationUpdated,
  conversationDeleted,
  notificationCreated,
  notificationRead,
  notificationRemoved,
  readUpdated,
  billableEventCreated,
  billableEventUpdated,
  timeEntryCreated,
  timeEntryUpdated,
  timeEntryDeleted,
  timeEntryExported,
  secureInviteUpdated,
  presenceUpdated,
  pong,
]);
export type StreamEvent = z.output<typeof streamEvent>;
export type StreamEventType = StreamEvent['type'];
/** The payload of one event type, as the server writes it. */
export type StreamEventInput<T extends StreamEventType> = Extract<
  z.input<typeof streamEvent>,
  { type: T }
>['data'];
