import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { conversationMembers, conversations, users } from '../../platform/db/schema';
import { invalidField, unprocessable } from '../../platform/http/problem';
import { conversationAudience } from '../conversations/access';
import { conversationDetail } from '../conversations/conversation-views';
import { createConversationRecord } from '../conversations/create-conversation-record';
import { type ConversationCreator, existingConversation } from '../conversations/plugins';
import { loadConversation } from '../conversations/queries';
import { ensureWorksConversations } from '../message-center/policy';

/** The internal chat whose user members are exactly these users, if there is one. */
async function chatOf(tx: Tx, firmId: string, userIds: string[]) {
  const [row] = await tx
    .select({ id: conversationMembers.conversationId })
    .from(conversationMembers)
    .innerJoin(
      conversations,
      and(
        eq(conversations.firmId, conversationMembers.firmId),
        eq(conversations.id, conversationMembers.conversationId),
      ),
    )
    .where(
      and(
        eq(conversationMembers.firmId, firmId),
        eq(conversations.kind, 'internal'),
        eq(conversationMembers.memberType, 'user'),
      ),
    )
    .groupBy(conversationMembers.conversationId)
    .having(
      sql`count(*) = ${userIds.length} and bool_and(${conversationMembers.memberId} in (${sql.join(
        userIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}))`,
    )
    .limit(1);
  return row ? loadConversation(tx, firmId, row.id) : null;
}

/**
 * Starts a chat between Message Center agents, outside any customer conversation (kind internal:
 * its members alone see it). The caller and every colleague named must work in the Message Center
 * (400 naming userIds for a user of no such id in the firm, 422 not-an-agent otherwise). The same
 * people again answer their existing chat (200), so two agents keep one chat history; concurrent
 * starts are serialised by a lock on the set of people.
 */
export const createInternalChat: ConversationCreator<{ kind: 'internal'; userIds: string[] }> = async (
  deps: Deps,
  input,
) => {
  const { actor, body } = input;
  const { firmId } = actor;
  ensureWorksConversations(actor);
  const others = [...new Set(body.userIds)].filter((id) => id !== actor.userId);
  if (others.length === 0)
    throw invalidField('body.userIds', 'name at least one colleague other than yourself');
  return inTransaction(deps, async (tx, events) => {
    const found = await tx
      .select({
        id: users.id,
        name: users.name,
        role: users.role,
        permissions: users.permissions,
        active: users.active,
      })
      .from(users)
      .where(and(eq(users.firmId, firmId), inArray(users.id, others)));
    if (found.length !== others.length) throw invalidField('body.userIds', 'no such user in your firm');
    const notAgent = found.find(
      (u) => !u.active || !(u.role === 'admin' || u.permissions.includes('message_center.use')),
    );
    if (notAgent)
      throw unprocessable('not-an-agent', `${notAgent.name} does not work in the Message Center (userIds).`);
    const people = [actor.userId, ...others].sort();
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`internal:${firmId}:${people.join(',')}`}, 0))`,
    );
    const existing = await chatOf(tx, firmId, people);
    if (existing) return existingConversation(await conversationDetail(tx, deps, actor, existing));
    const row = await createConversationRecord(tx, deps, {
      firmId,
      kind: 'internal',
      createdBy: actor.userId,
      members: people.map((id) => ({
        memberType: 'user' as const,
        memberId: id,
        role: id === actor.userId ? 'creator' : 'member',
      })),
    });
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'internal_chat.created',
        targetType: 'conversation',
        targetId: row.id,
        details: { userIds: others },
      },
      deps.clock(),
    );
    events.push(
      busEvent(
        'conversation.created',
        firmId,
        await conversationAudience(deps.conversations.rules, tx, firmId, row),
        {
          id: row.id,
          kind: 'internal',
          status: 'open',
          matterId: null,
          contactId: null,
        },
      ),
    );
    return conversationDetail(tx, deps, actor, row);
  });
};
