import { createConversationRecord } from '../../server/features/conversations/create-conversation-record';
import type { ConversationRow } from '../../server/features/conversations/queries';
import { storeMessage } from '../../server/features/conversations/store-message';
import { inTransaction } from '../../server/platform/bus/in-transaction';
import type { TestApp } from '../support/app';

/** Creates a conversation through the conversation core (as secure chat and the inbox do). */
export function createConversation(
  t: TestApp,
  input: {
    firmId: string;
    kind: string;
    matterId: string | null;
    contactId: string;
    createdBy: string;
    memberIds?: string[];
  },
): Promise<ConversationRow> {
  return inTransaction(t.deps, (tx) =>
    createConversationRecord(tx, t.deps, {
      firmId: input.firmId,
      kind: input.kind,
      createdBy: input.createdBy,
      matterId: input.matterId,
      contactId: input.contactId,
      members: [
        { memberType: 'user', memberId: input.createdBy, role: 'creator' },
        ...(input.memberIds ?? []).map((memberId) => ({ memberType: 'user' as const, memberId })),
        { memberType: 'contact', memberId: input.contactId },
      ],
    }),
  );
}

/**
 * Stores a message at the given time through the real message path (storeMessage → its messageStored
 * listeners → captureTimeForMessage), publishing its events after commit like the HTTP route does.
 */
export async function sendAt(
  t: TestApp,
  conversation: ConversationRow,
  author: { type: 'user' | 'contact'; id: string },
  at: Date,
  extra: { body?: string; visibility?: 'public' | 'note'; kind?: 'message' | 'status'; source?: string } = {},
) {
  const realClock = t.deps.clock;
  t.deps.clock = () => new Date(at);
  try {
    return await inTransaction(t.deps, async (tx, events) => {
      const stored = await storeMessage(tx, t.deps, {
        conversation,
        author,
        body: extra.body ?? 'A text about the case',
        visibility: extra.visibility,
        kind: extra.kind,
        source: extra.source ?? (author.type === 'contact' ? 'sms' : 'web'),
      });
      events.push(...stored.events);
      return stored.message;
    });
  } finally {
    t.deps.clock = realClock;
  }
}

/** The firm's billable events as stored, oldest first. */
export function storedEvents(t: TestApp) {
  return t.database.query<{
    id: string;
    user_id: string;
    matter_id: string;
    conversation_id: string | null;
    source: string;
    status: string;
    started_at: Date;
    ended_at: Date;
    message_count: number;
    duration_seconds: number;
    description: string;
    collecting: boolean;
  }>('select * from billable_events order by started_at, id');
}

/** A time at minutes:seconds after a fixed start. */
export const T0 = new Date('2026-03-02T15:00:00.000Z');
export const at = (minutes: number, seconds = 0) =>
  new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);
