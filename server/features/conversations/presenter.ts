import type { ConversationOut, MessageOut } from '../../../contracts/conversations';
import type { ConversationAbilities } from './access';
import type { MemberReadState } from './model';
import type { ConversationRow, DeliveryRow, MessageRow } from './queries';

/** A message as the API answers it. */
export function presentMessage(
  row: MessageRow,
  extra: {
    body: string;
    authorName: string | null;
    deliveries: DeliveryRow[];
    readBy: MemberReadState[];
  },
): MessageOut {
  return {
    id: row.id,
    conversationId: row.conversationId,
    authorType: row.authorType as MessageOut['authorType'],
    authorId: row.authorId,
    authorName: extra.authorName,
    body: extra.body,
    format: row.format as MessageOut['format'],
    visibility: row.visibility as MessageOut['visibility'],
    kind: row.kind as MessageOut['kind'],
    source: row.source,
    channel: (row.channel as MessageOut['channel']) ?? null,
    createdAt: row.createdAt.toISOString(),
    attachments: [],
    deliveries: extra.deliveries.map((d) => ({
      channel: d.channel,
      recipient: d.recipient,
      status: d.status,
      segments: d.segments,
      errorCode: d.errorCode,
    })),
    readBy: extra.readBy.map((m) => ({ type: m.type, id: m.id, at: m.lastReadAt?.toISOString() ?? null })),
  };
}

/** What a conversation item adds to its row for one viewer. */
export interface ConversationExtras {
  subject: string | null;
  contact: { id: string; name: string } | null;
  unreadCount: number;
  muted: boolean;
  member: boolean;
  abilities: ConversationAbilities;
}

/** A conversation as a list item for one viewer. */
export function presentConversation(row: ConversationRow, extra: ConversationExtras): ConversationOut {
  return {
    id: row.id,
    kind: row.kind as ConversationOut['kind'],
    status: row.status as ConversationOut['status'],
    subject: extra.subject,
    matterId: row.matterId,
    contact: extra.contact,
    contactPhone: row.contactPhone,
    firmPhone: row.firmPhone,
    teamId: row.teamId,
    assigneeId: row.assigneeId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastMessageAt: row.lastMessageAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    unreadCount: extra.unreadCount,
    muted: extra.muted,
    member: extra.member,
    alert: null,
    alertAt: null,
    abilities: extra.abilities,
  };
}
