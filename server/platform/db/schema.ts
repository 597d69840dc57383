import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Every table holding a firm's data has firm_id first in its primary key and in every unique key,
// so the database can be distributed by firm (Citus multi-tenant model) without code changes.

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A firm (tenant). Its data key is wrapped by the master key. */
export const firms = pgTable('firms', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** Firm data key, AES-GCM wrapped by the master key (base64). */
  wrappedKey: text('wrapped_key').notNull(),
  /** Firm settings document (see features/settings). */
  settings: jsonb('settings').notNull().default({}),
  createdAt: createdAt(),
});

/** Global e-mail → staff account directory: the one lookup that cannot know the firm in advance. */
export const staffLogins = pgTable('staff_logins', {
  email: text('email').primaryKey(),
  firmId: uuid('firm_id').notNull(),
  userId: uuid('user_id').notNull(),
});

/** Staff users. */
export const users = pgTable(
  'users',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    passwordHash: text('password_hash').notNull(),
    /** TOTP secret, encrypted with the firm key; null when TOTP is off. */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last accepted TOTP time step, so one code cannot be replayed. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    active: boolean('active').notNull().default(true),
    phone: text('phone'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] }), uniqueIndex('users_firm_email').on(t.firmId, t.email)],
);

/** Server-side sessions of staff and portal contacts; id is the SHA-256 of the secret in the cookie. */
export const sessions = pgTable(
  'sessions',
  {
    firmId: uuid('firm_id').notNull(),
    id: text('id').notNull(),
    /** 'user' or 'contact'. */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] }), index('sessions_subject').on(t.firmId, t.subjectId)],
);

/** Admin-created API tokens for integrations (Bearer). */
export const apiTokens = pgTable(
  'api_tokens',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** SHA-256 of the secret part of the token. */
    tokenHash: text('token_hash').notNull(),
    /** The user the token acts as. */
    userId: uuid('user_id').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('api_tokens_firm_hash').on(t.firmId, t.tokenHash),
  ],
);

/**
 * Global e-mail → portal contact directory for portal sign-in. Contact e-mails are not unique
 * across firms, so one address may lead to a contact in several firms (one per firm).
 */
export const portalLogins = pgTable(
  'portal_logins',
  {
    email: text('email').notNull(),
    firmId: uuid('firm_id').notNull(),
    contactId: uuid('contact_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.email, t.firmId] })],
);

/** Failed-login counters (per account, per address, per account+address); not firm data. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: ts('window_started_at').notNull().defaultNow(),
  blockedUntil: ts('blocked_until'),
});

/** Teams (routing, Message Center) and circles (addressable groups in the inbox). */
export const teams = pgTable(
  'teams',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('teams_firm_kind_name').on(t.firmId, t.kind, t.name),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    firmId: uuid('firm_id').notNull(),
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.teamId, t.userId] }),
    index('team_members_user').on(t.firmId, t.userId),
  ],
);

/** Clients, prospects and other outside people. */
export const contacts = pgTable(
  'contacts',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    coordinatorId: uuid('coordinator_id'),
    /** none | invited | active */
    portalStatus: text('portal_status').notNull().default('none'),
    portalPasswordHash: text('portal_password_hash'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] })],
);

/** A contact's phone numbers, E.164. */
export const contactPhones = pgTable(
  'contact_phones',
  {
    firmId: uuid('firm_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    position: integer('position').notNull(),
    e164: text('e164').notNull(),
    label: text('label'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.contactId, t.position] }),
    index('contact_phones_number').on(t.firmId, t.e164),
  ],
);

/** A contact's e-mail addresses, lower-cased. */
export const contactEmails = pgTable(
  'contact_emails',
  {
    firmId: uuid('firm_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    position: integer('position').notNull(),
    email: text('email').notNull(),
    label: text('label'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.contactId, t.position] }),
    index('contact_emails_address').on(t.firmId, t.email),
  ],
);

/** Matters (cases, engagements). */
export const matters = pgTable(
  'matters',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id').notNull(),
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('matters_firm_number').on(t.firmId, t.number),
  ],
);

export const matterAssignees = pgTable(
  'matter_assignees',
  {
    firmId: uuid('firm_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.matterId, t.userId] }),
    index('matter_assignees_user').on(t.firmId, t.userId),
  ],
);

export const matterContacts = pgTable(
  'matter_contacts',
  {
    firmId: uuid('firm_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.matterId, t.contactId] }),
    index('matter_contacts_contact').on(t.firmId, t.contactId),
  ],
);

/** Append-only, hash-chained audit log, one chain per firm (seq 1, 2, 3 …). */
export const auditLog = pgTable(
  'audit_log',
  {
    firmId: uuid('firm_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    at: ts('at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    details: jsonb('details').notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.seq] }),
    uniqueIndex('audit_log_firm_id').on(t.firmId, t.id),
    index('audit_log_at').on(t.firmId, t.at),
  ],
);

/**
 * The newest entry of each firm's audit chain, moved forward in the same transaction as every append,
 * so deleting entries from the end of the chain shows up in verification.
 */
export const auditHeads = pgTable('audit_heads', {
  firmId: uuid('firm_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Transactional outbox: side effects written with the change that causes them, sent by the relay. */
export const outbox = pgTable(
  'outbox',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    /** What to do: 'sms.send', 'email.send', 'webhook.send', 'event.publish' … */
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    /** Handed to the channel so a resend after a crash is recognised by the receiver. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** pending | sent | dead */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    result: jsonb('result'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('outbox_due').on(t.nextAttemptAt).where(sql`status = 'pending'`),
  ],
);

/**
 * Global phone-number directory: which firm owns a provider number and what it is for. Inbound texts
 * and status callbacks name only numbers, so this is the routing lookup (like staff_logins).
 */
export const firmNumbers = pgTable(
  'firm_numbers',
  {
    e164: text('e164').primaryKey(),
    firmId: uuid('firm_id').notNull(),
    /** secure_chat (the secure-chat pool) | campaign (Message Center) */
    purpose: text('purpose').notNull(),
    label: text('label'),
    createdAt: createdAt(),
  },
  (t) => [index('firm_numbers_firm').on(t.firmId, t.purpose)],
);

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
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('conversations_matter').on(t.firmId, t.matterId),
    index('conversations_kind_recent').on(t.firmId, t.kind, t.lastMessageAt),
    index('conversations_contact_phone').on(t.firmId, t.contactPhone),
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
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.conversationId, t.memberType, t.memberId] }),
    index('conversation_members_member').on(t.firmId, t.memberType, t.memberId),
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
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('messages_conversation').on(t.firmId, t.conversationId, t.id),
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

/** The open link between a firm number and a client phone that routes inbound texts to one secure chat. */
export const secureChatLinks = pgTable(
  'secure_chat_links',
  {
    firmId: uuid('firm_id').notNull(),
    firmPhone: text('firm_phone').notNull(),
    clientPhone: text('client_phone').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.firmPhone, t.clientPhone] }),
    uniqueIndex('secure_chat_links_conversation').on(t.firmId, t.conversationId),
  ],
);

/** Provider message ids already processed, so a retried webhook stores its message once. */
export const inboundReceipts = pgTable('inbound_receipts', {
  /** "<provider>:<provider message id>" */
  key: text('key').primaryKey(),
  firmId: uuid('firm_id').notNull(),
  messageId: uuid('message_id'),
  receivedAt: createdAt(),
});

/** In-app Notification Center entries; only the addressee sees them. Never holds message content. */
export const notifications = pgTable(
  'notifications',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    /** message.received | status.update | … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id'),
    matterId: uuid('matter_id'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('notifications_user').on(t.firmId, t.userId, t.id),
    index('notifications_conversation').on(t.firmId, t.conversationId),
  ],
);

/**
 * Billable events: pre-time entries captured from conversations (secure chat, SMS, portal), e-mails and
 * logged calls, for a timekeeper to review, edit, dismiss or convert (features/time-capture).
 */
export const billableEvents = pgTable(
  'billable_events',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    /** The timekeeper whose time it is. */
    userId: uuid('user_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    /** The conversation it was captured from; null for calls, logged e-mails and deleted conversations. */
    conversationId: uuid('conversation_id'),
    /** secure_chat | sms | portal | email | call */
    source: text('source').notNull(),
    /** open | converted | dismissed */
    status: text('status').notNull().default('open'),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at').notNull(),
    /** Texts of the timekeeper counted in the event (chat sources). */
    messageCount: integer('message_count').notNull().default(0),
    durationSeconds: integer('duration_seconds').notNull(),
    description: text('description').notNull(),
    /** The generated description without any message content (kept when a conversation is deleted). */
    summary: text('summary').notNull(),
    /** A person changed duration, description or matter: capture no longer rewrites or extends it. */
    edited: boolean('edited').notNull().default(false),
    /** Still collecting the timekeeper's texts of its conversation; at most one per (conversation, user). */
    collecting: boolean('collecting').notNull().default(false),
    /** Who logged it (calls, e-mails); null when captured automatically. */
    createdBy: uuid('created_by'),
    timeEntryId: uuid('time_entry_id'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('billable_events_collecting').on(t.firmId, t.conversationId, t.userId).where(sql`collecting`),
    index('billable_events_user_started').on(t.firmId, t.userId, t.startedAt),
    index('billable_events_started').on(t.firmId, t.startedAt),
    index('billable_events_conversation').on(t.firmId, t.conversationId),
  ],
);

/** Time entries converted from billable events: billed hours at the timekeeper's rate. */
export const timeEntries = pgTable(
  'time_entries',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    /** The event it was converted from; one entry per event. */
    billableEventId: uuid('billable_event_id').notNull(),
    source: text('source').notNull(),
    /** The day the work was done (UTC date of the event's start). */
    workDate: date('work_date', { mode: 'string' }).notNull(),
    /** Billed minutes: the duration rounded up to the firm's billing increment. */
    billedMinutes: integer('billed_minutes').notNull(),
    /** Hourly rate in cents at conversion time. */
    rateCents: integer('rate_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    narrative: text('narrative').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    /** When an export first included it; from then on it is billed and cannot change. */
    exportedAt: ts('exported_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('time_entries_event').on(t.firmId, t.billableEventId),
    index('time_entries_date').on(t.firmId, t.workDate),
    index('time_entries_user_date').on(t.firmId, t.userId, t.workDate),
  ],
);

/** A timekeeper's billing rate and LEDES classification (PT, AS, OC, LA, OT). */
export const timekeeperRates = pgTable(
  'timekeeper_rates',
  {
    firmId: uuid('firm_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** Hourly rate in cents. */
    rateCents: integer('rate_cents').notNull(),
    classification: text('classification'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.userId] })],
);

/**
 * The last automatic reply Parley sent a client phone, per kind (e.g. secure_chat_unlinked when a
 * client texts a number whose thread was ended), so a client gets at most one per day.
 */
export const smsAutoReplies = pgTable(
  'sms_auto_replies',
  {
    firmId: uuid('firm_id').notNull(),
    clientPhone: text('client_phone').notNull(),
    kind: text('kind').notNull(),
    lastSentAt: ts('last_sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.clientPhone, t.kind] })],
);

/**
 * One-time portal activation links e-mailed to a contact. Only the SHA-256 of the link's secret is
 * kept; a link works once (used_at), until it expires or a newer invitation revokes it.
 */
export const portalInvitations = pgTable(
  'portal_invitations',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    /** The contact's address the link was sent to; it becomes the portal sign-in address. */
    email: text('email').notNull(),
    /** SHA-256 hex of the secret part of the token in the link. */
    tokenHash: text('token_hash').notNull(),
    /** The staff user who sent it. */
    invitedBy: uuid('invited_by').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('portal_invitations_token').on(t.firmId, t.tokenHash),
    index('portal_invitations_contact').on(t.firmId, t.contactId),
  ],
);
