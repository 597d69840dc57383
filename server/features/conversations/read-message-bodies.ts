import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import type { Executor } from '../../platform/db/client';
import type { StaffActor } from '../../platform/http/actor';
import { loadConversationKey, messageAad, openSealed } from './message-crypto';
import type { ConversationRow, MessageRow } from './queries';

/** The plaintext bodies of the conversation's messages, in the order of rows. */
export async function decryptBodies(
  ex: Executor,
  deps: Pick<Deps, 'keyring'>,
  conversation: Pick<ConversationRow, 'firmId' | 'id'>,
  rows: readonly Pick<MessageRow, 'id' | 'bodySealed'>[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const key = await loadConversationKey(ex, deps.keyring, conversation.firmId, conversation.id);
  return rows.map((r) => openSealed(key, r.bodySealed, messageAad(conversation.id, r.id)));
}

/**
 * Records that the actor read content of the conversation (one entry per request): who, which
 * conversation and how many messages, never the content itself.
 */
export async function auditConversationRead(
  ex: Executor,
  deps: Pick<Deps, 'clock'>,
  input: {
    actor: StaffActor;
    ip?: string;
    conversation: ConversationRow;
    messageIds: string[];
    member: boolean;
  },
): Promise<void> {
  await recordAudit(
    ex,
    {
      ...auditActor(input.actor, input.ip),
      action: 'conversation.read',
      targetType: 'conversation',
      targetId: input.conversation.id,
      details: {
        kind: input.conversation.kind,
        messages: input.messageIds.length,
        newestMessageId: input.messageIds[0] ?? null,
        oldestMessageId: input.messageIds[input.messageIds.length - 1] ?? null,
        asMember: input.member,
      },
    },
    deps.clock(),
  );
}
