import type { ConversationDetailOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { unprocessable } from '../../platform/http/problem';
import { createSecureChat } from '../secure-chat/create-secure-chat';
import type { CreateConversationBody } from './schemas';

/** Creates a conversation of the body's kind; each kind's rules live with the feature that owns it. */
export async function createConversation(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; body: CreateConversationBody },
): Promise<ConversationDetailOut> {
  const { body } = input;
  switch (body.kind) {
    case 'secure_chat':
      return createSecureChat(deps, { actor: input.actor, ip: input.ip, body });
    default:
      throw unprocessable('kind-not-supported', `Conversations of kind ${body.kind} cannot be created yet.`);
  }
}
