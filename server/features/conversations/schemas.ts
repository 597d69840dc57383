import { z } from 'zod';
import {
  conversationDetailOut,
  conversationKind,
  conversationOut,
  memberOut,
  messageFormat,
  messageVisibility,
} from '../../../contracts/conversations';
import { pageQuery } from '../../platform/http/pagination';
import { multiLine, searchQuery, singleLine } from '../../platform/http/text';

const id = z.uuid().describe('UUID');

/** Path parameter: a conversation id. */
export const conversationParams = z.object({ id: id.describe('Conversation id') });
/** Path parameters of one member. */
export const memberParams = z.object({
  id: id.describe('Conversation id'),
  memberId: id.describe('User or contact id of the member'),
});

export const listConversationsQuery = pageQuery.extend({
  kind: conversationKind.optional().describe('Only conversations of this kind'),
  matterId: id.optional().describe('Only conversations on this matter'),
  contactId: id.optional().describe('Only conversations with this contact'),
  filter: z
    .enum(['open', 'waiting', 'unassigned', 'mine', 'closed', 'ended'])
    .optional()
    .describe(
      'open (not ended/closed; the default for kind sms), waiting (client waits for an answer), unassigned, mine (created by or assigned to me), closed (ended or closed), ended (secure chats unlinked from SMS)',
    ),
  q: searchQuery().optional().describe("Part of the client's name or phone number"),
  teamId: id.optional().describe('Only conversations routed to this team'),
});
export type ListConversationsQuery = z.infer<typeof listConversationsQuery>;

export const listMessagesQuery = z.object({
  cursor: id.optional().describe('The previous page’s nextCursor (a message id): answer only older messages'),
  before: id.optional().describe('The same as cursor, kept for the clients that send it'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200, default 50'),
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;

const recipient = z.object({
  type: z.enum(['user', 'team', 'circle', 'contact']).describe('What the id names'),
  id,
});

/** Create bodies, one per kind. */
export const createConversationBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('secure_chat'),
    matterId: id.describe('The matter the thread is about'),
    contactId: id.describe('A contact linked to the matter'),
    contactPhone: singleLine()
      .min(1)
      .max(40)
      .describe("One of the contact's phone numbers, any common format"),
  }),
  z.object({
    kind: z.literal('message'),
    to: z.array(recipient).min(1).max(50).describe('Addressees'),
    cc: z.array(recipient).max(50).optional().describe('Copied addressees'),
    subject: singleLine().trim().min(1).max(300).describe('Subject'),
    body: multiLine().min(1).max(100_000).describe('First message'),
    format: messageFormat.optional(),
    attachmentIds: z.array(id).max(20).optional().describe('Uploaded attachments'),
    readReceipt: z.boolean().optional().describe('Ask for a read receipt'),
    templateId: id.optional().describe('Template the message was written from'),
  }),
  z.object({
    kind: z.literal('portal_chat'),
    matterId: id.describe('The matter'),
    contactId: id.describe('The portal contact'),
  }),
  z.object({
    kind: z.literal('internal'),
    userIds: z.array(id).min(1).max(50).describe('Colleagues to chat with'),
  }),
]);
export type CreateConversationBody = z.infer<typeof createConversationBody>;
export type CreateSecureChatBody = Extract<CreateConversationBody, { kind: 'secure_chat' }>;

export const sendMessageBody = z.object({
  id: id
    .optional()
    .describe('Client-chosen id: sending the same id again stores nothing new and answers 200'),
  body: multiLine()
    .max(10_000)
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .describe('The message text (or HTML when format is html)'),
  format: messageFormat.default('text'),
  visibility: messageVisibility.default('public'),
  kind: z.enum(['message', 'status']).default('message').describe('message, or status (a status update)'),
  channel: singleLine()
    .max(20)
    .optional()
    .describe(
      'Channel for kinds with several. Message Center public messages: sms or secure; absent, secure once the customer joined the secure chat, else sms',
    ),
  attachmentIds: z
    .array(id)
    .max(20)
    .optional()
    .describe('Uploaded attachments (not supported yet: must be empty)'),
});
export type SendMessageBody = z.infer<typeof sendMessageBody>;

export const readBody = z.object({ messageId: id.describe('The newest message the caller has read') });

export const addMemberBody = z
  .object({
    userId: id.optional().describe('A staff user of the firm'),
    contactId: id.optional().describe("A contact linked to the conversation's matter"),
  })
  .superRefine((v, ctx) => {
    if ((v.userId === undefined) === (v.contactId === undefined))
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'send exactly one of userId and contactId' });
  });

export const muteBody = z.object({
  muted: z.boolean().describe('true mutes notifications of this conversation'),
  memberId: id
    .optional()
    .describe("Creator only: mute another member instead of oneself (the member's user id)"),
});
/** The kinds added at composition, each with the create body it takes (see AddedKind in plugins.ts). */
type AddedKindBodies = Readonly<Record<string, { createBody: z.ZodObject<{ kind: z.ZodLiteral<string> }> }>>;

/**
 * The schemas that name kinds, widened to the kinds the composition root added
 * (deps.conversations.addedKinds) so that POST /conversations takes their bodies and answers their
 * conversations. With none added they are the schemas above, so the contract and the OpenAPI
 * document stay as they are. Typed as those: an added kind's body reaches only its own creator.
 */
export function kindSchemas(added: AddedKindBodies) {
  const base = { createConversationBody, conversationOut, conversationDetailOut, listConversationsQuery };
  const names = Object.keys(added);
  if (names.length === 0) return base;
  const kind = z.enum([...conversationKind.options, ...names]).describe('A kind of conversation');
  const out = conversationOut.extend({ kind });
  return {
    createConversationBody: z.discriminatedUnion('kind', [
      ...createConversationBody.options,
      ...Object.values(added).map((k) => k.createBody),
    ]),
    conversationOut: out,
    conversationDetailOut: out.extend({ members: z.array(memberOut) }),
    listConversationsQuery: listConversationsQuery.extend({ kind: kind.optional() }),
  } as unknown as typeof base;
}
