import type { ConversationDetailOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { unprocessable } from '../../platform/http/problem';
import type { AddedKind, ConversationCreator, ExistingConversation } from './plugins';
import type { CreateConversationBody } from './schemas';

/**
 * Creates a conversation of the body's kind through the creator its feature (or an added kind)
 * registered; `created` is false when the creator answered an existing one.
 */
export async function createConversation(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; body: CreateConversationBody },
): Promise<{ conversation: ConversationDetailOut; created: boolean }> {
  const { body } = input;
  const { addedKinds } = deps.conversations;
  const answer = (out: ConversationDetailOut | ExistingConversation) =>
    'existing' in out ? { conversation: out.existing, created: false } : { conversation: out, created: true };
  if (Object.hasOwn(addedKinds, body.kind))
    return answer(
      await (addedKinds[body.kind] as AddedKind).create(deps, { actor: input.actor, ip: input.ip, body }),
    );
  // Registered per kind (ConversationCreators), so the creator found takes this body's shape.
  const create = deps.conversations.creators[body.kind] as ConversationCreator<typeof body> | undefined;
  if (!create)
    throw unprocessable('kind-not-supported', `Conversations of kind ${body.kind} cannot be created yet.`);
  return answer(await create(deps, { actor: input.actor, ip: input.ip, body }));
}
