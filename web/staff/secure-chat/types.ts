/** What the caller may do to a conversation; the server decides (API.md "Conversations"). */
export interface ConversationAbilities {
  send: boolean;
  manageMembers: boolean;
  mute: boolean;
  end: boolean;
  delete: boolean;
}

/** A conversation as `GET /api/v1/conversations` lists it (the fields the Secure Chat tab uses). */
export interface ConversationSummary {
  id: string;
  kind: string;
  status: 'open' | 'ended' | 'closed';
  matterId?: string | null;
  contact?: { id: string; name: string } | null;
  contactPhone?: string | null;
  firmPhone?: string | null;
  createdBy?: string | null;
  lastMessageAt: string | null;
  unreadCount: number;
  /** The caller's own mute state, when the server sends it. */
  muted?: boolean;
  abilities?: ConversationAbilities;
  createdAt?: string;
  endedAt?: string | null;
  /** The newest message as a snippet (lists only). */
  lastMessage?: {
    authorType: 'user' | 'contact' | 'system';
    authorName: string | null;
    snippet: string;
    createdAt: string;
  } | null;
  /** Who started it (lists only). */
  creatorName?: string | null;
}

/** A user or contact in a conversation. */
export interface ConversationMember {
  /** The user's or contact's id (what `DELETE …/members/:memberId` and mute take). */
  id: string;
  type: 'user' | 'contact';
  name: string;
  role?: string;
  muted: boolean;
}

/** `GET /api/v1/conversations/:id`. */
export interface ConversationDetail extends ConversationSummary {
  members: ConversationMember[];
  abilities: ConversationAbilities;
}

/** One channel's delivery of a message, e.g. the SMS to the client's phone. */
export interface Delivery {
  channel: string;
  status: string;
  segments?: number | null;
  errorCode?: string | null;
  error?: string | null;
}

/** A message as `GET …/messages` answers it. */
export interface Message {
  id: string;
  conversationId?: string;
  authorType: 'user' | 'contact' | 'system';
  authorId: string | null;
  authorName?: string | null;
  body: string;
  format?: 'text' | 'html';
  visibility?: 'public' | 'note';
  kind?: 'message' | 'status' | 'system';
  createdAt: string;
  deliveries: Delivery[];
  readBy?: unknown[];
  /** Client-side only: sent optimistically, no answer yet (or the send failed). */
  local?: 'sending' | 'failed';
  localError?: string;
}

/** One page of messages, newest first. */
export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

/** A page of any list the API answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
