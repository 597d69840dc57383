import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

/** Conversations of every kind: secure_chat, sms, message, portal_chat, internal. */
export const conversations = pgTable(
  'conversations',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    /** open | ended (secure chat unlinked from SMS) | closed (Message Center) */
    status: text('status').notNull().default('open'),
    /** Subject, encrypted with the conversation key (inbox messages). */
    subjectSealed: text('subject_sealed'),
    matterId: uuid('matter_id'),
    contactId: uuid('contact_id'),
    /** The client's phone (E.164) for SMS-bridged kinds. */
    contactPhone: text('contact_phone'),
    /** The firm number the client texts (E.164) for SMS-bridged kinds. */
    firmPhone: text('firm_phone'),
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id'),
    createdBy: uuid('created_by'),
    lastMessageAt: ts('last_message_at'),
    /** When the client last wrote and has not been answered yet (waiting alerts). */
    waitingSince: ts('waiting_since'),
    endedAt: ts('ended_at'),
    /** Message Center: the campaign the customer texted. */
    campaignId: uuid('campaign_id'),
    /** Message Center: when the assignee claimed it (null while unclaimed). */
    claimedAt: ts('claimed_at'),
    /** Message Center: since when it waits for an agent to claim it (null once claimed). */
    unclaimedSince: ts('unclaimed_since'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('conversations_matter').on(t.firmId, t.matterId),
    index('conversations_kind_recent').on(t.firmId, t.kind, t.lastMessageAt),
    index('conversations_contact_phone').on(t.firmId, t.contactPhone),
    // Message Center: one open conversation per (customer number, campaign number), whatever races.
    uniqueIndex('conversations_sms_open_pair')
      .on(t.firmId, t.contactPhone, t.firmPhone)
      .where(sql`kind = 'sms' and status = 'open'`),
    // Message Center dashboard filters, per team, newest activity first (see list-conversations.ts).
    index('conversations_sms_open')
      .on(t.firmId, t.teamId, sql`coalesce(last_message_at, created_at) desc`, t.id.desc())
      .where(sql`kind = 'sms' and status = 'open'`),
    index('conversations_sms_closed')
      .on(t.firmId, t.teamId, sql`coalesce(last_message_at, created_at) desc`, t.id.desc())
      .where(sql`kind = 'sms' and status = 'closed'`),
    index('conversations_sms_unassigned')
      .on(t.firmId, t.teamId, sql`coalesce(last_message_at, created_at) desc`, t.id.desc())
      .where(sql`kind = 'sms' and status = 'open' and assignee_id is null`),
    index('conversations_sms_waiting')
      .on(t.firmId, t.teamId, sql`coalesce(last_message_at, created_at) desc`, t.id.desc())
      .where(sql`kind = 'sms' and status = 'open' and waiting_since is not null`),
    index('conversations_sms_mine')
      .on(t.firmId, t.assigneeId, sql`coalesce(last_message_at, created_at) desc`, t.id.desc())
      .where(sql`kind = 'sms' and status = 'open'`),
    // The same filters across the firm, newest activity first: the page of a supervisor, or of an
    // agent whose teams are tested row by row as the scan goes, stops after one page of rows.
    index('conversations_sms_open_recent')
      .on(t.firmId, sql`coalesce(last_message_at, created_at) desc`, t.id.desc())
      .where(sql`kind = 'sms' and status = 'open'`),
    index('conversations_sms_closed_recent')
      .on(t.firmId, sql`coalesce(last_message_at, created_at) desc`, t.id.desc())
      .where(sql`kind = 'sms' and status = 'closed'`),
    index('conversations_sms_unassigned_recent')
      .on(t.firmId, sql`coalesce(last_message_at, created_at) desc`, t.id.desc())
      .where(sql`kind = 'sms' and status = 'open' and assignee_id is null`),
    index('conversations_sms_waiting_recent')
      .on(t.firmId, sql`coalesce(last_message_at, created_at) desc`, t.id.desc())
      .where(sql`kind = 'sms' and status = 'open' and waiting_since is not null`),
  ],
);

/** The conversation's data key wrapped by the firm key; deleting this row shreds the conversation. */
export const conversationKeys = pgTable(
  'conversation_keys',
  {
    firmId: uuid('firm_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    wrappedKey: text('wrapped_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.conversationId] })],
);

/** Members (users and contacts) with their mute and read state. */
export const conversationMembers = pgTable(
  'conversation_members',
  {
    firmId: uuid('firm_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    /** user | contact */
    memberType: text('member_type').notNull(),
    memberId: uuid('member_id').notNull(),
    /** creator | member | to | cc (inbox addressing) */
    role: text('role').notNull().default('member'),
    muted: boolean('muted').notNull().default(false),
    /** Read state: the newest message this member has read (ids are time-ordered UUIDv7). */
    lastReadMessageId: uuid('last_read_message_id'),
    lastReadAt: ts('last_read_at'),
    addedBy: uuid('added_by'),
    addedAt: ts('added_at').notNull().defaultNow(),
    /**
     * The team the conversation is routed to, kept equal to conversations.team_id by triggers
     * (migration 0017), so a member's conversations outside their teams are found from their
     * membership rows alone, without visiting each conversation.
     */
    conversationTeamId: uuid('conversation_team_id'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.conversationId, t.memberType, t.memberId] }),
    // Covers the conversation and its team: a member's conversations are read from the index alone.
    index('conversation_members_member').on(
      t.firmId,
      t.memberType,
      t.memberId,
      t.conversationId,
      t.conversationTeamId,
    ),
  ],
);

/** Messages; the body is encrypted with the conversation key. The id may be supplied by the client (idempotent send). */
export const messages = pgTable(
  'messages',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    /** user | contact | system */
    authorType: text('author_type').notNull(),
    authorId: uuid('author_id'),
    bodySealed: text('body_sealed').notNull(),
    /** text | html */
    format: text('format').notNull().default('text'),
    /** public | note (staff-only) */
    visibility: text('visibility').notNull().default('public'),
    /** message | status | system */
    kind: text('kind').notNull().default('message'),
    /** Where it came from: web | sms | portal | email | api */
    source: text('source').notNull().default('web'),
    /** The customer channel of a Message Center public message: sms | secure (the secure chat page); null elsewhere. */
    channel: text('channel'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    // In the order every read of a conversation's messages takes (history pages, the newest message
    // of a list row, unread counts): (created_at, id), since a client may choose a message's id.
    index('messages_conversation').on(t.firmId, t.conversationId, t.createdAt, t.id),
  ],
);

/** Per-channel delivery of a message to one recipient, with the provider's status. */
export const messageDeliveries = pgTable(
  'message_deliveries',
  {
    firmId: uuid('firm_id').notNull(),
    messageId: uuid('message_id').notNull(),
    /** sms | email | web | portal */
    channel: text('channel').notNull(),
    /** E.164 number, e-mail address or member id. */
    recipient: text('recipient').notNull(),
    /** queued | sending | sent | delivered | undelivered | failed */
    status: text('status').notNull(),
    providerId: text('provider_id'),
    segments: integer('segments'),
    errorCode: text('error_code'),
    conversationId: uuid('conversation_id').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.messageId, t.channel, t.recipient] }),
    index('message_deliveries_provider').on(t.firmId, t.providerId),
  ],
);
