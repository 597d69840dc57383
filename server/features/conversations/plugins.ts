import type { z } from 'zod';
import type { ConversationDetailOut, ConversationOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import type { PublishedEvent } from '../../platform/bus/events';
import type { Executor, Tx } from '../../platform/db/client';
import type { StaffActor } from '../../platform/http/actor';
import type { ConversationRules } from './access';
import type { ConversationRow, DeliveryRow, MessageRow, UserMember } from './queries';
import type { CreateConversationBody } from './schemas';

// The core calls the features built on it only through these, which the composition root
// (server/bootstrap.ts) fills: the core imports no feature, and a new kind or a new reaction to
// a message is a registration there, not an edit here.

/** A message the core has just stored, with the plaintext it was stored from. */
export interface StoredMessage {
  conversation: ConversationRow;
  message: MessageRow;
  /** The body as written, so no listener decrypts what was just encrypted. */
  body: string;
  /** The conversation's user members, read once for every listener and the audience. */
  members: readonly UserMember[];
  /** The author's display name (null for system entries). */
  authorName: string | null;
  /**
   * The deliveries queued for the message so far: a listener that queues one adds it here, so the
   * message as answered and published carries it without a read back.
   */
  deliveries: DeliveryRow[];
}

/** What a listener is shown of a message about to be stored: enough to say whether it acts on it. */
export type MessageToStore = Pick<StoredMessage, 'conversation' | 'members'> & {
  message: Pick<MessageRow, 'authorType' | 'authorId' | 'visibility' | 'kind' | 'source' | 'channel'>;
};

/**
 * A reaction to a new message. `actsOn` says, from the message and its conversation alone, whether
 * `run` may write or refuse for it; the core runs `run` only when it does, so the two cannot
 * disagree. When no listener acts on a message, storing it is one statement and a send needs no
 * transaction around it (issue 11: BEGIN and COMMIT were two of a note's five round trips).
 */
export interface MessageStoredListener {
  actsOn(draft: MessageToStore): boolean;
  /**
   * Runs inside the storing transaction (once per message, never for a resend) and answers the
   * events to publish after commit. Throwing a Problem refuses the message.
   */
  run(tx: Tx, deps: Deps, stored: StoredMessage): Promise<PublishedEvent[]>;
}

/**
 * Picks the channel a staff member's new message goes out on, from the one the request named
 * (`channel`, absent when none); answers what messages.channel stores. Throwing a Problem refuses
 * the send. Kinds without a chooser store no channel.
 */
export type ChannelChooser = (
  ex: Executor,
  deps: Deps,
  input: {
    conversation: ConversationRow;
    requested: string | undefined;
    visibility: 'public' | 'note' | 'internal';
    kind: 'message' | 'status' | 'system';
  },
) => Promise<string | null>;

/** A user joined or left a conversation; `by` is who added them (absent for a removal). */
export interface MembershipChange {
  conversation: ConversationRow;
  userId: string;
  change: 'added' | 'removed';
  by?: string;
}

/** Reacts to a user member added or removed, inside that transaction; answers the events to publish. */
export type MembershipListener = (tx: Tx, deps: Deps, change: MembershipChange) => Promise<PublishedEvent[]>;

/** A creator's answer when the conversation asked for already exists (POST /conversations then answers 200). */
export interface ExistingConversation {
  existing: ConversationDetailOut;
}

/** Wraps the conversation a creator found instead of creating one. */
export const existingConversation = (conversation: ConversationDetailOut): ExistingConversation => ({
  existing: conversation,
});

/**
 * Creates a conversation of one kind from its create body; its rules live with the feature that owns
 * the kind. A kind of which one exists per set of people answers the existing one wrapped.
 */
export type ConversationCreator<Body extends { kind: string } = CreateConversationBody> = (
  deps: Deps,
  input: { actor: StaffActor; ip?: string; body: Body },
) => Promise<ConversationDetailOut | ExistingConversation>;

/** One creator per kind the API can create; a kind without one answers 422 kind-not-supported. */
export type ConversationCreators = {
  [K in CreateConversationBody['kind']]?: ConversationCreator<Extract<CreateConversationBody, { kind: K }>>;
};

/**
 * Drops what a feature keeps about a conversation being deleted, in the deleting transaction and
 * before the core deletes its messages (so a cleaner may still find them).
 */
export type ConversationCleaner = (tx: Tx, conversation: ConversationRow) => Promise<void>;

/**
 * A kind the API's schemas do not name (conversationKind), added whole by the composition root: the
 * create body it takes (POST /conversations then accepts it) and its creator. Its access rule goes
 * into rules like any other.
 */
export interface AddedKind {
  createBody: z.ZodObject<{ kind: z.ZodLiteral<string> }>;
  create: ConversationCreator<{ kind: string }>;
}

/** Where conversations are presented: a list, or one conversation's details (which may carry more). */
export type ConversationView = 'list' | 'detail';

/**
 * What a kind adds to its conversations as one viewer sees them, in lists and details (Message
 * Center: the customer, campaign, team, agent and alert): extra fields by conversation id. The
 * rows are of the kind and visible to the actor.
 */
export type ConversationDecorator = (
  ex: Executor,
  deps: Pick<Deps, 'clock' | 'keyring'>,
  actor: StaffActor,
  rows: ConversationRow[],
  view: ConversationView,
) => Promise<Map<string, Partial<ConversationOut>>>;

/** What the features plug into the conversation core, in the order they run. */
export interface ConversationPlugins {
  messageStored: readonly MessageStoredListener[];
  membershipChanged: readonly MembershipListener[];
  /** The access rule of each kind that has one (conversationRules, and those of added kinds). */
  rules: ConversationRules;
  creators: ConversationCreators;
  /** Kinds beyond the API's own, by name. */
  addedKinds: Readonly<Record<string, AddedKind>>;
  deleted: readonly ConversationCleaner[];
  /** Per kind, the channel chooser of staff sends (Message Center: sms or secure). */
  channels?: Readonly<Record<string, ChannelChooser>>;
  /** Per kind, what its conversations carry besides the common fields. */
  decorators?: Readonly<Record<string, ConversationDecorator>>;
}
