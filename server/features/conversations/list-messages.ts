import { and, desc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { messages } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { invalidField } from '../../platform/http/problem';
import { loadConversationFor } from './access';
import { messageViews } from './message-views';
import { auditConversationRead } from './read-message-bodies';
import type { ListMessagesQuery } from './schemas';

/**
 * A page of the conversation's messages, newest first, older than `cursor` (or `before`, its older
 * name) when given; the next cursor is the oldest message's id. Every call is a read of content and
 * is audited.
 */
export async function listMessages(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; query: ListMessagesQuery },
) {
  const { actor, query } = input;
  if (query.cursor && query.before && query.cursor !== query.before)
    throw invalidField('query.before', 'names another message than cursor; send only cursor');
  const anchorId = query.cursor ?? query.before;
  const anchorField = query.cursor ? 'query.cursor' : 'query.before';
  return deps.db.transaction(async (tx) => {
    const { row, membership } = await loadConversationFor(
      deps.conversations.rules,
      tx,
      actor,
      input.conversationId,
      'view',
    );
    const conds = [eq(messages.firmId, actor.firmId), eq(messages.conversationId, row.id)];
    if (anchorId) {
      const [anchor] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.firmId, actor.firmId),
            eq(messages.conversationId, row.id),
            eq(messages.id, anchorId),
          ),
        );
      if (!anchor) throw invalidField(anchorField, 'is not a message of this conversation');
      conds.push(sql`(${messages.createdAt}, ${messages.id}) < (select a.created_at, a.id from ${messages} a
        where a.firm_id = ${actor.firmId} and a.id = ${anchor.id})`);
    }
    const rows = await tx
      .select()
      .from(messages)
      .where(and(...conds))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(query.limit + 1);
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    const items = await messageViews(tx, deps, row, page);
    await auditConversationRead(tx, deps, {
      actor,
      ip: input.ip,
      conversation: row,
      messageIds: page.map((m) => m.id),
      member: membership !== null,
    });
    return { items, nextCursor: hasMore ? (page[page.length - 1]?.id ?? null) : null };
  });
}
