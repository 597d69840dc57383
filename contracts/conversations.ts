import { z } from 'zod';
import { consumerOut, messageCenterOut, serviceAreaVerdictOut } from './message-center';

const isoTime = z.iso.datetime().describe('ISO 8601 UTC time');

export const conversationKind = z
  .enum(['secure_chat', 'sms', 'message', 'portal_chat', 'internal'])
  .describe(
    'secure_chat (SMS-bridged thread on a matter), sms (Message Center), message (inbox), portal_chat, internal',
  );
export const conversationStatus = z
  .enum(['open', 'ended', 'closed'])
  .describe('open; ended (secure chat unlinked from SMS, archive readable); closed (Message Center)');
export const messageFormat = z.enum(['text', 'html']).describe('How the body is written');
export const messageVisibility = z
  .enum(['public', 'note', 'internal'])
  .describe(
    'public; note (staff only); internal (chat between agents, staff only, never sent to the customer)',
  );
export const messageKind = z.enum(['message', 'status', 'system']).describe('What the entry is');

export const abilitiesOut = z.object({
  send: z.boolean().describe('May send messages'),
  manageMembers: z.boolean().describe('May add and remove members and mute others'),
  mute: z.boolean().describe('May mute the conversation for themselves'),
  end: z.boolean().describe('May end the thread'),
  delete: z.boolean().describe('May delete the conversation for good'),
});

export const memberOut = z.object({
  id: z.string().describe('User or contact id'),
  type: z.enum(['user', 'contact']),
  name: z.string().describe('Display name'),
  role: z.string().describe('creator | member | to | cc'),
  muted: z.boolean(),
  lastReadMessageId: z.string().nullable().describe('Newest message this member has read'),
});
export type MemberOut = z.infer<typeof memberOut>;

export const conversationOut = z.object({
  id: z.string(),
  kind: conversationKind,
  status: conversationStatus,
  subject: z.string().nullable(),
  matterId: z.string().nullable(),
  contact: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe('The client of the conversation'),
  contactPhone: z.string().nullable().describe("Client's phone (E.164) for SMS-bridged kinds"),
  firmPhone: z.string().nullable().describe('Firm number the client texts (E.164)'),
  teamId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: isoTime,
  lastMessageAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
  unreadCount: z.number().int().describe('Messages newer than what the caller has read'),
  muted: z.boolean().describe('The caller muted it'),
  member: z.boolean().describe('The caller is a member (not only a secure_chat.view_all reader)'),
  alert: z.enum(['unclaimed', 'unclaimed_overdue', 'waiting_overdue']).nullable(),
  alertAt: isoTime.nullable(),
  abilities: abilitiesOut,
  lastMessage: z
    .object({
      authorType: z.enum(['user', 'contact', 'system']),
      authorName: z.string().nullable().describe('Who wrote it'),
      snippet: z.string().describe('The start of the message, on one line'),
      createdAt: isoTime,
    })
    .nullable()
    .optional()
    .describe('The newest message, in lists only (reading it is audited)'),
  creatorName: z.string().nullable().optional().describe('Who started the conversation, in lists only'),
  messageCenter: messageCenterOut.nullable().optional().describe('Message Center details, for kind sms'),
  serviceArea: serviceAreaVerdictOut
    .nullable()
    .optional()
    .describe("For kind sms: the customer's address against the location's service area"),
  consumer: consumerOut
    .nullable()
    .optional()
    .describe('For kind sms, in details only: what agents noted about the customer (reading it is audited)'),
  consumerEditable: z
    .boolean()
    .optional()
    .describe('For kind sms: the caller may change the consumer details'),
});
export type ConversationOut = z.infer<typeof conversationOut>;

export const conversationDetailOut = conversationOut.extend({ members: z.array(memberOut) });
export type ConversationDetailOut = z.infer<typeof conversationDetailOut>;

export const deliveryOut = z.object({
  channel: z.string().describe('sms | email | web | portal'),
  recipient: z.string().describe('Phone, address or member id'),
  status: z.string().describe('queued | sending | sent | delivered | undelivered | failed'),
  segments: z.number().int().nullable().optional(),
  errorCode: z.string().nullable().optional(),
});
export type DeliveryOut = z.infer<typeof deliveryOut>;

export const messageOut = z.object({
  id: z.string(),
  conversationId: z.string(),
  authorType: z.enum(['user', 'contact', 'system']),
  authorId: z.string().nullable(),
  authorName: z.string().nullable().describe('Display name of the author'),
  body: z.string(),
  format: messageFormat,
  visibility: messageVisibility,
  kind: messageKind,
  source: z.string().describe('web | sms | portal | email | api | secure'),
  channel: z
    .enum(['sms', 'secure'])
    .nullable()
    .optional()
    .describe(
      'Message Center public messages: sms (texted) or secure (the secure chat page, never texted); null elsewhere',
    ),
  createdAt: isoTime,
  attachments: z.array(z.object({ id: z.string(), name: z.string() })),
  deliveries: z.array(deliveryOut),
  readBy: z
    .array(z.object({ type: z.enum(['user', 'contact']), id: z.string(), at: isoTime.nullable() }))
    .describe('Members other than the author who have read this message'),
});
export type MessageOut = z.infer<typeof messageOut>;

/** The caller's read state after marking a conversation read. */
export const readOut = z.object({
  lastReadMessageId: z.string().nullable().describe('The newest message the caller has read'),
  unreadCount: z.number().int().describe('Messages still unread by the caller'),
});
