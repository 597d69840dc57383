import { type AnyColumn, and, asc, eq, getTableName, type SQL, sql } from 'drizzle-orm';
import type { ConversationDetailOut, ConversationOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import type { Executor } from '../../platform/db/client';
import { isAnyId } from '../../platform/db/list-sql';
import { namesOf } from '../../platform/db/names';
import { conversationKeys, conversationMembers, conversations, messages } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { abilities, ruleUsesTeam, teamsOf } from './access';
import { openSealed, subjectAad } from './message-crypto';
import type { ConversationView } from './plugins';
import { presentConversation } from './presenter';
import type { ConversationRow } from './queries';

async function subjects(ex: Executor, deps: Pick<Deps, 'keyring'>, firmId: string, rows: ConversationRow[]) {
  const sealed = rows.filter((r) => r.subjectSealed !== null);
  const out = new Map<string, string>();
  if (sealed.length === 0) return out;
  const keys = await ex
    .select()
    .from(conversationKeys)
    .where(
      and(
        eq(conversationKeys.firmId, firmId),
        isAnyId(
          conversationKeys.conversationId,
          sealed.map((r) => r.id),
        ),
      ),
    );
  for (const row of sealed) {
    const wrapped = keys.find((k) => k.conversationId === row.id)?.wrappedKey;
    if (!wrapped) continue;
    const key = await deps.keyring.conversationKey(ex, firmId, row.id, wrapped);
    out.set(row.id, openSealed(key, row.subjectSealed as string, subjectAad(row.id)));
  }
  return out;
}

/** What the actor is to a conversation as its member: their mute, and the messages they have not read. */
export interface MyMembership {
  muted: boolean;
  unread: number;
}

/**
 * The actor's membership of each conversation of a read (null when they are not a member) as a
 * column of that read: the messages newer than what they have read, not counting their own. A list
 * page reads it with its rows instead of in a statement of its own. "Newer" is one row comparison
 * (nothing read: from the start) with no OR beside it, so it bounds the scan of messages_conversation
 * and the messages already read are not visited.
 */
export function myMembershipColumn(actor: StaffActor): SQL<MyMembership | null> {
  // Spelled out in full: in a one-table read's select list Drizzle leaves column names unqualified.
  const col = (table: string, column: AnyColumn) =>
    sql`${sql.identifier(table)}.${sql.identifier(column.name)}`;
  const member = (column: AnyColumn) => col('my_membership', column);
  const read = (column: AnyColumn) => col('my_read', column);
  const unread = (column: AnyColumn) => col('unread', column);
  return sql<MyMembership | null>`(select json_build_object('muted', ${member(conversationMembers.muted)},
      'unread', (select count(*)::int from ${messages} as ${sql.identifier('unread')}
        where ${unread(messages.firmId)} = ${member(conversationMembers.firmId)}
          and ${unread(messages.conversationId)} = ${member(conversationMembers.conversationId)}
          and (${unread(messages.createdAt)}, ${unread(messages.id)})
            > (coalesce(${read(messages.createdAt)}, '-infinity'::timestamptz),
              coalesce(${read(messages.id)}, '00000000-0000-0000-0000-000000000000'::uuid))
          and not (${unread(messages.authorType)} = 'user'
            and ${unread(messages.authorId)} is not distinct from ${actor.userId}::uuid)))
    from ${conversationMembers} as ${sql.identifier('my_membership')}
    left join ${messages} as ${sql.identifier('my_read')}
      on ${read(messages.firmId)} = ${member(conversationMembers.firmId)}
        and ${read(messages.id)} = ${member(conversationMembers.lastReadMessageId)}
    where ${member(conversationMembers.firmId)} = ${col(getTableName(conversations), conversations.firmId)}
      and ${member(conversationMembers.conversationId)} = ${col(getTableName(conversations), conversations.id)}
      and ${member(conversationMembers.memberType)} = 'user'
      and ${member(conversationMembers.memberId)} = ${actor.userId})`;
}

/** The actor's memberships of the conversations (read on their own, for a caller that has not). */
async function myMemberships(
  ex: Executor,
  actor: StaffActor,
  conversationIds: string[],
): Promise<Map<string, MyMembership | null>> {
  const rows = await ex
    .select({ id: conversations.id, mine: myMembershipColumn(actor) })
    .from(conversations)
    .where(and(eq(conversations.firmId, actor.firmId), isAnyId(conversations.id, conversationIds)));
  return new Map(rows.map((r) => [r.id, r.mine]));
}

/**
 * Conversation list items for the actor: subject, client, unread count, own mute and abilities.
 * `known` holds what the caller read already with its rows (a list reads the actor's teams and
 * memberships with its page).
 */
export async function conversationSummaries(
  ex: Executor,
  deps: Pick<Deps, 'keyring' | 'conversations' | 'clock'>,
  actor: StaffActor,
  rows: ConversationRow[],
  view: ConversationView = 'list',
  known: { myTeams?: ReadonlySet<string>; myMemberships?: ReadonlyMap<string, MyMembership | null> } = {},
): Promise<ConversationOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const contactIds = [...new Set(rows.flatMap((r) => (r.contactId ? [r.contactId] : [])))];
  // One query at a time: ex may be a transaction, which runs on a single connection.
  const memberships = known.myMemberships ?? (await myMemberships(ex, actor, ids));
  const subjectTexts = await subjects(ex, deps, actor.firmId, rows);
  const contactNames = await namesOf(
    ex,
    actor.firmId,
    contactIds.map((id) => ({ type: 'contact', id })),
  );
  const teams =
    known.myTeams ??
    (rows.some((r) => r.teamId !== null && ruleUsesTeam(deps.conversations.rules, r.kind))
      ? await teamsOf(ex, actor.firmId, actor.userId)
      : new Set<string>());
  const extras = new Map<string, Partial<ConversationOut>>();
  for (const [kind, decorate] of Object.entries(deps.conversations.decorators ?? {})) {
    const ofKind = rows.filter((r) => r.kind === kind);
    if (ofKind.length > 0)
      for (const [id, extra] of await decorate(ex, deps, actor, ofKind, view)) extras.set(id, extra);
  }
  const contactOf = (id: string) => {
    const name = contactNames.get(id);
    return name === undefined ? null : { id, name };
  };
  return rows.map((row) => {
    const membership = memberships.get(row.id) ?? undefined;
    const member = membership !== undefined;
    const presented = presentConversation(row, {
      subject: subjectTexts.get(row.id) ?? null,
      contact: row.contactId ? contactOf(row.contactId) : null,
      // Read state is kept for members only; a view_all reader has nothing "unread".
      unreadCount: member ? Number(membership.unread) : 0,
      muted: membership?.muted ?? false,
      member,
      abilities: abilities(
        deps.conversations.rules,
        actor,
        row,
        member,
        row.teamId !== null && teams.has(row.teamId),
      ),
    });
    const extra = extras.get(row.id);
    return extra ? { ...presented, ...extra } : presented;
  });
}

/**
 * One conversation for the actor with its members (name, type, role, mute, read position). The
 * caller has checked that the actor may see it. SECURE-CHAT answers its create call with this.
 */
export async function conversationDetail(
  ex: Executor,
  deps: Pick<Deps, 'keyring' | 'conversations' | 'clock'>,
  actor: StaffActor,
  row: ConversationRow,
): Promise<ConversationDetailOut> {
  const [summary] = await conversationSummaries(ex, deps, actor, [row], 'detail');
  const memberRows = await ex
    .select()
    .from(conversationMembers)
    .where(and(eq(conversationMembers.firmId, row.firmId), eq(conversationMembers.conversationId, row.id)))
    .orderBy(asc(conversationMembers.addedAt), asc(conversationMembers.memberId));
  const names = await namesOf(
    ex,
    row.firmId,
    memberRows.map((m) => ({ type: m.memberType, id: m.memberId })),
  );
  return {
    ...(summary as ConversationOut),
    members: memberRows.map((m) => ({
      id: m.memberId,
      type: m.memberType as 'user' | 'contact',
      name: names.get(m.memberId) ?? '',
      role: m.role,
      muted: m.muted,
      lastReadMessageId: m.lastReadMessageId,
    })),
  };
}
