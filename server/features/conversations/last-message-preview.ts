import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAuditIn } from '../../platform/audit/audit-log';
import type { Executor } from '../../platform/db/client';
import { namesOf } from '../../platform/db/names';
import { messages } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import type { ConversationRow } from './queries';
import { decryptBodies } from './read-message-bodies';

/** How much of the last message a list row shows. */
export const SNIPPET_LENGTH = 80;

/** The start of a message on one line, cut at a word when it is long. */
export function snippetOf(body: string, length = SNIPPET_LENGTH): string {
  const flat = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What a list row shows of a conversation's newest message. */
export interface LastMessagePreview {
  authorType: 'user' | 'contact' | 'system';
  authorName: string | null;
  snippet: string;
  createdAt: string;
}

/**
 * The newest message of each conversation as a snippet with its author. Decrypting them reads
 * content, so one audit entry records which conversations' previews the actor was shown.
 */
export async function lastMessagePreviews(
  ex: Executor,
  deps: Pick<Deps, 'keyring' | 'clock'>,
  input: { actor: StaffActor; ip?: string; rows: ConversationRow[] },
): Promise<Map<string, LastMessagePreview>> {
  const { actor, rows } = input;
  const out = new Map<string, LastMessagePreview>();
  if (rows.length === 0) return out;
  const newest = await ex
    .selectDistinctOn([messages.conversationId])
    .from(messages)
    .where(
      and(
        eq(messages.firmId, actor.firmId),
        inArray(
          messages.conversationId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(messages.conversationId, sql`${messages.createdAt} desc`, sql`${messages.id} desc`);
  if (newest.length === 0) return out;
  const names = await namesOf(
    ex,
    actor.firmId,
    newest.map((m) => ({ type: m.authorType, id: m.authorId })),
  );
  for (const message of newest) {
    const [body] = await decryptBodies(ex, deps, { firmId: actor.firmId, id: message.conversationId }, [
      message,
    ]);
    out.set(message.conversationId, {
      authorType: message.authorType as LastMessagePreview['authorType'],
      authorName: message.authorId ? (names.get(message.authorId) ?? null) : null,
      snippet: snippetOf(body ?? ''),
      createdAt: message.createdAt.toISOString(),
    });
  }
  await recordAuditIn(
    ex,
    {
      ...auditActor(actor, input.ip),
      action: 'conversation.previews_read',
      targetType: 'conversation',
      targetId: null,
      details: { conversationIds: [...out.keys()] },
    },
    deps.clock(),
  );
  return out;
}
