import type { StreamEventInput } from '../../../contracts/realtime/events';
import type { ConversationRow } from './queries';

type ConversationUpdated = StreamEventInput<'conversation.updated'>;

/**
 * The one payload of `conversation.updated`, from the row as it is after the change; memberId and
 * muted are set only when a mute changed.
 */
export function conversationUpdated(
  row: ConversationRow,
  reason: ConversationUpdated['reason'],
  mute?: { memberId: string; muted: boolean },
): ConversationUpdated {
  return {
    id: row.id,
    reason,
    status: row.status as ConversationUpdated['status'],
    endedAt: row.endedAt?.toISOString() ?? null,
    memberId: mute?.memberId ?? null,
    muted: mute?.muted ?? null,
    contactPhone: row.contactPhone,
    firmPhone: row.firmPhone,
  };
}
