import { and, count, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import {
  conversationKeys,
  conversationMembers,
  conversations,
  messageDeliveries,
  messages,
} from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { cancelPendingJobs } from '../../platform/outbox/cancel';
import { conversationAudience, loadConversationFor } from './access';

/**
 * Deletes a conversation for good (creator or admin): first every feature drops what it keeps about
 * it (the conversationDeleted cleaners: notifications, the secure-chat link; billable events keep
 * their time), then the unsent jobs of its messages, its messages, deliveries, members and their
 * read state, and the conversation key, which shreds anything encrypted with it that a backup might
 * still hold. The audit log keeps who deleted which conversation, when, and how many messages it
 * held, never content.
 */
export async function deleteConversation(
  deps: Deps,
  input: { actor: StaffActor; conversationId: string; ip?: string },
): Promise<void> {
  const { actor, conversationId } = input;
  const firmId = actor.firmId;
  await inTransaction(deps, async (tx, events) => {
    const { row } = await loadConversationFor(deps.conversations.rules, tx, actor, conversationId, 'delete', {
      lock: true,
    });
    const audience = await conversationAudience(deps.conversations.rules, tx, firmId, row);
    const [{ messageCount } = { messageCount: 0 }] = await tx
      .select({ messageCount: count() })
      .from(messages)
      .where(and(eq(messages.firmId, firmId), eq(messages.conversationId, conversationId)));

    for (const clean of deps.conversations.deleted) await clean(tx, row);
    // Texts or e-mails not yet sent for its messages (jobs keyed by message id) must not go out now.
    await cancelPendingJobs(
      tx,
      firmId,
      sql`(select ${messages.id}::text from ${messages} where ${messages.firmId} = ${firmId} and ${messages.conversationId} = ${conversationId})`,
    );
    await tx
      .delete(messageDeliveries)
      .where(and(eq(messageDeliveries.firmId, firmId), eq(messageDeliveries.conversationId, conversationId)));
    await tx
      .delete(messages)
      .where(and(eq(messages.firmId, firmId), eq(messages.conversationId, conversationId)));
    await tx
      .delete(conversationMembers)
      .where(
        and(eq(conversationMembers.firmId, firmId), eq(conversationMembers.conversationId, conversationId)),
      );
    await tx
      .delete(conversationKeys)
      .where(and(eq(conversationKeys.firmId, firmId), eq(conversationKeys.conversationId, conversationId)));
    await tx
      .delete(conversations)
      .where(and(eq(conversations.firmId, firmId), eq(conversations.id, conversationId)));

    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'conversation.deleted',
        targetType: 'conversation',
        targetId: conversationId,
        details: {
          kind: row.kind,
          matterId: row.matterId,
          createdBy: row.createdBy,
          createdAt: row.createdAt.toISOString(),
          messages: Number(messageCount),
        },
      },
      deps.clock(),
    );
    events.push(busEvent('conversation.deleted', firmId, audience, { id: conversationId }));
  });
  // Other processes may still remember the key, but nothing it could open is left.
  deps.keyring.forgetConversationKey(firmId, conversationId);
}
