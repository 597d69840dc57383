import { z } from 'zod';
import type { Deps } from '../../../server/deps';
import type { ConversationRule } from '../../../server/features/conversations/access';
import { conversationDetail } from '../../../server/features/conversations/conversation-views';
import { createConversationRecord } from '../../../server/features/conversations/create-conversation-record';
import type { AddedKind } from '../../../server/features/conversations/plugins';
import { inTransaction } from '../../../server/platform/bus/in-transaction';

// A conversation kind that exists only in this test, to show what a new kind takes: a rule, a
// creator with its create body, and a registration at the composition point (compose below).

/** Huddles: members talk; holders of message_center.use read every huddle of the firm, without taking part. */
export const huddleRule: ConversationRule = {
  viewers: { holders: 'message_center.use' },
  abilities: (_actor, s) => ({
    send: s.member,
    manageMembers: s.creator,
    mute: s.member,
    end: false,
    delete: s.creator,
  }),
};

const huddleBody = z.object({
  kind: z.literal('huddle'),
  topic: z.string().min(1).max(100),
  userIds: z.array(z.uuid()).max(10),
});

/** Starts a huddle with the creator and the colleagues named. */
export const huddleKind: AddedKind = {
  createBody: huddleBody,
  create: (deps, { actor, body }) => {
    const { topic, userIds } = huddleBody.parse(body);
    return inTransaction(deps, async (tx) => {
      const row = await createConversationRecord(tx, deps, {
        firmId: actor.firmId,
        kind: 'huddle',
        createdBy: actor.userId,
        subject: topic,
        members: [
          { memberType: 'user', memberId: actor.userId, role: 'creator' },
          ...userIds.map((id) => ({ memberType: 'user' as const, memberId: id })),
        ],
      });
      return conversationDetail(tx, deps, actor, row);
    });
  },
};

/** The registration, as bootstrap.ts would write it. */
export function composeHuddles(deps: Deps): void {
  deps.conversations = {
    ...deps.conversations,
    rules: { ...deps.conversations.rules, huddle: huddleRule },
    addedKinds: { ...deps.conversations.addedKinds, huddle: huddleKind },
  };
}
