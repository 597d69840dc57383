import { can, type StaffActor } from '../../platform/http/actor';

/** The fields of a conversation that decide who may see and manage it. */
export interface ConversationAccess {
  kind: string;
  createdBy: string | null;
}

/** What the viewer may do with a conversation (drives both the API's checks and the UI's buttons). */
export interface ConversationAbilities {
  send: boolean;
  manageMembers: boolean;
  mute: boolean;
  end: boolean;
  delete: boolean;
}

/**
 * Members see a conversation; for secure chat so do holders of secure_chat.view_all (admins hold
 * every permission). Nobody else, not even the creator once removed from it.
 */
export function canViewConversation(actor: StaffActor, c: ConversationAccess, member: boolean): boolean {
  if (member) return true;
  return c.kind === 'secure_chat' && can(actor, 'secure_chat.view_all');
}

/**
 * Members send and mute; the creator manages members and ends the thread; the creator or an admin
 * deletes it. A viewer who only sees through secure_chat.view_all reads and, if admin, deletes.
 */
export function conversationAbilities(
  actor: StaffActor,
  c: ConversationAccess,
  member: boolean,
): ConversationAbilities {
  if (!canViewConversation(actor, c, member))
    return { send: false, manageMembers: false, mute: false, end: false, delete: false };
  const creator = c.createdBy !== null && c.createdBy === actor.userId;
  return {
    send: member,
    manageMembers: creator,
    mute: member,
    end: creator && c.kind === 'secure_chat',
    delete: creator || actor.role === 'admin',
  };
}
