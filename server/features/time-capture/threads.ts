import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { isAnyId } from '../../platform/db/list-sql';
import { conversations } from '../../platform/db/schema';

/** The conversation an event was captured in, as far as a link to it needs. */
export interface ThreadRef {
  id: string;
  kind: string;
  status: string;
  matterId: string | null;
  contactId: string | null;
}

/**
 * The threads events were captured in (one query per page). A deleted thread is absent: deleting it
 * already cleared the events' link, and a link must never lead to a thread that no longer exists.
 */
export async function loadThreads(
  ex: Executor,
  firmId: string,
  rows: readonly { conversationId?: string | null }[],
): Promise<Map<string, ThreadRef>> {
  const ids = [...new Set(rows.flatMap((r) => (r.conversationId ? [r.conversationId] : [])))];
  const found = ids.length
    ? await ex
        .select({
          id: conversations.id,
          kind: conversations.kind,
          status: conversations.status,
          matterId: conversations.matterId,
          contactId: conversations.contactId,
        })
        .from(conversations)
        .where(and(eq(conversations.firmId, firmId), isAnyId(conversations.id, ids)))
    : [];
  return new Map(found.map((t) => [t.id, t]));
}
