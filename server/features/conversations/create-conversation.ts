import type { ConversationDetailOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { unprocessable } from '../../platform/http/problem';
import type { AddedKind, ConversationCreator } from './plugins';
import type { CreateConversationBody } from './schemas';

/** Creates a conversation of the body's kind through the creator its feature (or an added kind) registered. */
export async function createConversation(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; body: CreateConversationBody },
): Promise<ConversationDetailOut> {
  const { body } = input;
  const { addedKinds } = deps.conversations;
  if (Object.hasOwn(addedKinds, body.kind))
    return (addedKinds[body.kind] as AddedKind).create(deps, { actor: input.actor, ip: input.ip, body });
  // Registered per kind (ConversationCreators), so the creator found takes this body's shape.
  const create = deps.conversations.creators[body.kind] as ConversationCreator<typeof body> | undefined;
  if (!create)
    throw unprocessable('kind-not-supported', `Conversations of kind ${body.kind} cannot be created yet.`);
  return create(deps, { actor: input.actor, ip: input.ip, body });
}
