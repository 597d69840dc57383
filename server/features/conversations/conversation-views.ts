import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ConversationDetailOut, ConversationOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import type { Executor } from '../../platform/db/client';
import { isAnyId } from '../../platform/db/list-sql';
import { namesOf } from '../../platform/db/names';
import { conversationKeys, conversationMembers, messages } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { abilities, ruleUsesTeam, teamsOf } from './access';
import { openSealed, subjectAad } from './message-crypto';
import type { ConversationView } from './plugins';
import { presentConversation } from './presenter';
import type { ConversationRow, MemberRow } from './queries';

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

/**
 * The actor's own memberships of the conversations, each with its unread count: the messages newer
 * than what they have read, not counting their own. One read, driven by the memberships, so the
 * read position is looked up once per conversation.
 */
async function membershipsWithUnread(ex: Executor, actor: StaffActor, conversationIds: string[]) {
  const read = alias(messages, 'read');
  const unread = alias(messages, 'unread');
  return ex
    .select({
      membership: conversationMembers,
      unread: sql<number>`(select count(*)::int from ${messages} as ${unread}
        where ${unread.firmId} = ${conversationMembers.firmId}
          and ${unread.conversationId} = ${conversationMembers.conversationId}
          and not (${unread.authorType} = 'user' and ${unread.authorId} is not distinct from ${actor.userId}::uuid)
          and (${read.id} is null or (${unread.createdAt}, ${unread.id}) > (${read.createdAt}, ${read.id})))`,
    })
    .from(conversationMembers)
    .leftJoin(
      read,
      and(eq(read.firmId, conversationMembers.firmId), eq(read.id, conversationMembers.lastReadMessageId)),
    )
    .where(
      and(
        eq(conversationMembers.firmId, actor.firmId),
        isAnyId(conversationMembers.conversationId, conversationIds),
        eq(conversationMembers.memberType, 'user'),
        eq(conversationMembers.memberId, actor.userId),
      ),
    );
}

/**
 * Conversation list items for the actor: subject, client, unread count, own mute and abilities.
 * myTeams is the actor's teams when the caller read them already (a list reads them with its page).
 */
export async function conversationSummaries(
  ex: Executor,
  deps: Pick<Deps, 'keyring' | 'conversations' | 'clock'>,
  actor: StaffActor,
  rows: ConversationRow[],
  view: ConversationView = 'list',
  myTeams?: ReadonlySet<string>,
): Promise<ConversationOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const contactIds = [...new Set(rows.flatMap((r) => (r.contactId ? [r.contactId] : [])))];
  // One query at a time: ex may be a transaction, which runs on a single connection.
  const memberships = await membershipsWithUnread(ex, actor, ids);
  const subjectTexts = await subjects(ex, deps, actor.firmId, rows);
  const contactNames = await namesOf(
    ex,
    actor.firmId,
    contactIds.map((id) => ({ type: 'contact', id })),
  );
  const teams =
    myTeams ??
    (rows.some((r) => r.teamId !== null && ruleUsesTeam(deps.conversations.rules, r.kind))
      ? await teamsOf(ex, actor.firmId, actor.userId)
      : new Set<string>());
  const extras = new Map<string, Partial<ConversationOut>>();
  for (const [kind, decorate] of Object.entries(deps.conversations.decorators ?? {})) {
    const ofKind = rows.filter((r) => r.kind === kind);
    if (ofKind.length > 0)
      for (const [id, extra] of await decorate(ex, deps, actor, ofKind, view)) extras.set(id, extra);
  }
  const mine = new Map<string, MemberRow>(
    memberships.map((m) => [m.membership.conversationId, m.membership]),
  );
  const counts = new Map(memberships.map((m) => [m.membership.conversationId, Number(m.unread)]));
  const contactOf = (id: string) => {
    const name = contactNames.get(id);
    return name === undefined ? null : { id, name };
  };
  return rows.map((row) => {
    const membership = mine.get(row.id);
    const member = membership !== undefined;
    const presented = presentConversation(row, {
      subject: subjectTexts.get(row.id) ?? null,
      contact: row.contactId ? contactOf(row.contactId) : null,
      // Read state is kept for members only; a view_all reader has nothing "unread".
      unreadCount: member ? (counts.get(row.id) ?? 0) : 0,
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
