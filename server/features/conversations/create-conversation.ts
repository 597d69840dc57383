import type { ConversationDetailOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { unprocessable } from '../../platform/http/problem';
import type { ConversationCreator } from './plugins';
import type { CreateConversationBody } from './schemas';

/** Creates a conversation of the body's kind through the creator its feature registered (deps.conversations). */
export async function createConversation(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; body: CreateConversationBody },
): Promise<ConversationDetailOut> {
  const { body } = input;
  // Registered per kind (ConversationCreators), so the creator found takes this body's shape.
  const create = deps.conversations.creators[body.kind] as ConversationCreator<typeof body> | undefined;
  if (!create)
    throw unprocessable('kind-not-supported', `Conversations of kind ${body.kind} cannot be created yet.`);
  return create(deps, { actor: input.actor, ip: input.ip, body });
}
