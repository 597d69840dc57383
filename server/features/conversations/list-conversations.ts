import type { Deps } from '../../deps';
import { namesOf } from '../../platform/db/names';
import type { StaffActor } from '../../platform/http/actor';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination';
import { conversationSummaries } from './conversation-views';
import { lastMessagePreviews } from './last-message-preview';
import { buildPage, pageKey, pageOf } from './list-page';
import type { ListConversationsQuery } from './schemas';

/** The conversations the actor may see, most recently active first, with the list's filters. */
export async function listConversations(
  deps: Pick<Deps, 'database' | 'keyring' | 'clock' | 'conversations'>,
  input: { actor: StaffActor; ip?: string; query: ListConversationsQuery },
) {
  const { actor, query } = input;
  const position = decodeCursor(query.cursor, ['time', 'uuid']);
  const { shape, values } = pageOf(actor, query, position ?? null);
  // Every statement here is written for one plan (kinds and statuses as words, ids as parameters).
  const db = deps.database.genericPlans;
  const statement = deps.database.builtOnce(pageKey(shape), (name) =>
    buildPage(db, deps.conversations.rules, shape, name),
  );
  const rows = await statement.execute(values);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  const pageRows = page.map((r) => r.row);
  // Rows answer the same teams; an empty page has none, and needs none.
  const myTeams = new Set(rows[0]?.myTeams ?? []);
  // Independent reads on the pool, so they overlap: the database answers one while this process
  // decrypts the previews of another.
  const [summaries, previews, creators] = await Promise.all([
    conversationSummaries(db, deps, actor, pageRows, 'list', {
      myTeams,
      myMemberships: new Map(page.map((r) => [r.row.id, r.mine])),
    }),
    lastMessagePreviews(db, deps, {
      actor,
      ip: input.ip,
      newest: page.flatMap((r) => (r.newest ? [r.newest] : [])),
    }),
    namesOf(
      db,
      actor.firmId,
      pageRows.map((r) => ({ type: 'user', id: r.createdBy })),
    ),
  ]);
  return {
    items: summaries.map((item) => ({
      ...item,
      lastMessage: previews.get(item.id) ?? null,
      creatorName: item.createdBy ? (creators.get(item.createdBy) ?? null) : null,
    })),
    nextCursor: hasMore && last ? encodeCursor([last.activity, last.row.id]) : null,
  };
}
