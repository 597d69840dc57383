import type { ConversationRule } from '../conversations/access';

/**
 * Internal chats between agents: their members alone see them (no permission opens them to anyone
 * else, supervisors included) and write in them; nobody adds or removes people (the same people
 * always find the same chat); the creator or an admin deletes.
 */
export const internalChatRule: ConversationRule = {
  viewers: {},
  abilities: (actor, s) => ({
    send: s.member,
    manageMembers: false,
    mute: s.member,
    end: false,
    delete: s.creator || actor.role === 'admin',
  }),
};
