import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Audience } from '../../platform/bus/bus';
import type { Executor } from '../../platform/db/client';
import { isAnyWord } from '../../platform/db/list-sql';
import { conversationMembers, conversations, teamMembers, users } from '../../platform/db/schema';
import { can, type Permission, type StaffActor } from '../../platform/http/actor';
import { forbidden, notFound } from '../../platform/http/problem';
import { type ConversationRow, loadStanding, type MemberRow, type UserMember } from './queries';

// Who may see a conversation and what they may do with it, written once per kind. Everything that
// decides access reads it from here, in the form it needs: use cases through canView, abilities
// and loadConversationFor; lists through the SQL filter visibleConversations; real-time events and
// notifications through the audiences. test/conversations/access-agreement.test.ts checks on a real
// database that the three forms agree. Each form takes the rules in force (deps.conversations.rules:
// conversationRules, plus whatever kinds the composition root adds), so a kind is added in one place.

/** What the viewer may do with a conversation (drives both the API's checks and the UI's buttons). */
export interface ConversationAbilities {
  send: boolean;
  manageMembers: boolean;
  mute: boolean;
  end: boolean;
  delete: boolean;
}

/** One thing a viewer may be allowed to do, named as in ConversationAbilities. */
export type ConversationAbility = keyof ConversationAbilities;

/** The fields of a conversation that decide who may see and manage it. */
export interface ConversationAccess {
  kind: string;
  createdBy: string | null;
  /** The team it is routed to (Message Center), if any. */
  teamId?: string | null;
}

/** What a staff user is to one conversation: the facts the rules decide from. */
export interface Standing {
  /** The user is one of its user members. */
  member: boolean;
  /** The user started it (and stays its creator after being removed from it). */
  creator: boolean;
  /** The user belongs to the team the conversation is routed to (false without a team). */
  inTeam: boolean;
}

/**
 * Who, besides its members, sees a conversation of a kind. Members see their conversation under
 * every kind: membership is how a conversation is shared. Each field is a way in read three times
 * below (canView, visibleConversations, audienceOf); a new way in (say, the users of the
 * conversation's team for Message Center) is a field here plus those three readings.
 */
export interface Viewers {
  /** Holders of this permission (admins hold every permission) see every conversation of the kind. */
  holders?: Permission;
  /**
   * Users of the conversation's team (teams.kind team) who hold this permission see it: Message
   * Center agents see the conversations routed to their teams.
   */
  team?: Permission;
}

/** The access rule of one kind: who sees its conversations and what each viewer may do. */
export interface ConversationRule {
  viewers: Viewers;
  /** What a viewer may do; only asked about someone the viewers let in. */
  abilities(actor: StaffActor, standing: Standing): ConversationAbilities;
}

/** Members write and mute; the creator manages members; the creator or an admin deletes. */
function memberAbilities(actor: StaffActor, s: Standing): ConversationAbilities {
  return {
    send: s.member,
    manageMembers: s.creator,
    mute: s.member,
    end: false,
    delete: s.creator || actor.role === 'admin',
  };
}

/**
 * The rule of a kind that has none of its own yet: its members see it and nobody else, however
 * privileged, so a new kind starts closed until its rule says who else may look.
 */
const membersOnly: ConversationRule = { viewers: {}, abilities: memberAbilities };

/** The rule of each kind that has one of its own; any other kind is membersOnly. */
export type ConversationRules = Readonly<Record<string, ConversationRule>>;

/** The rules of the kinds the API names. */
export const conversationRules: ConversationRules = {
  /**
   * Holders of secure_chat.view_all read every secure chat (without member rights: they neither
   * write nor mute); the creator also ends the thread.
   */
  secure_chat: {
    viewers: { holders: 'secure_chat.view_all' },
    abilities: (actor, s) => ({ ...memberAbilities(actor, s), end: s.creator }),
  },
  /**
   * Message Center: the agents (message_center.use) of the team the conversation is routed to see
   * it, and supervisors holding message_center.view_all (admins hold every permission) see every
   * team's. Every viewer may write; who may text the customer (the claiming agent) and claim or
   * close is the Message Center's rule (features/message-center/policy.ts). Nobody manages members
   * or mutes (the team is the audience); an admin deletes.
   */
  sms: {
    viewers: { holders: 'message_center.view_all', team: 'message_center.use' },
    abilities: (actor, s) => ({
      send: true,
      manageMembers: false,
      mute: s.member,
      end: false,
      delete: actor.role === 'admin',
    }),
  },
};

/** The rule of a kind. */
function ruleOf(rules: ConversationRules, kind: string): ConversationRule {
  return Object.hasOwn(rules, kind) ? (rules[kind] as ConversationRule) : membersOnly;
}

/**
 * True when the actor may see the conversation; `member` says whether they are a user member of it,
 * `inTeam` whether they belong to the team it is routed to.
 */
export function canView(
  rules: ConversationRules,
  actor: StaffActor,
  c: Pick<ConversationAccess, 'kind'>,
  member: boolean,
  inTeam = false,
): boolean {
  if (member) return true;
  const { holders, team } = ruleOf(rules, c.kind).viewers;
  if (holders !== undefined && can(actor, holders)) return true;
  return inTeam && team !== undefined && can(actor, team);
}

/** True when the kind's rule lets (some of) the team's users in, so team membership must be looked up. */
export function ruleUsesTeam(rules: ConversationRules, kind: string): boolean {
  return ruleOf(rules, kind).viewers.team !== undefined;
}

/**
 * The ids of the teams the user belongs to as a column of another read (a JSON array, which both
 * drivers parse), so that a list page learns the caller's teams without a statement of its own.
 */
export function teamsOfColumn(firmId: string, userId: string): SQL<string[]> {
  return sql<string[]>`(select coalesce(json_agg(${teamMembers.teamId}), '[]'::json) from ${teamMembers}
    where ${teamMembers.firmId} = ${firmId} and ${teamMembers.userId} = ${userId})`;
}

/** The teams (kind team or circle) the user belongs to. */
export async function teamsOf(ex: Executor, firmId: string, userId: string): Promise<Set<string>> {
  const rows = await ex
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.firmId, firmId), eq(teamMembers.userId, userId)));
  return new Set(rows.map((r) => r.teamId));
}

const NOTHING: ConversationAbilities = {
  send: false,
  manageMembers: false,
  mute: false,
  end: false,
  delete: false,
};

/** What the actor may do with the conversation; nothing at all when they may not see it. */
export function abilities(
  rules: ConversationRules,
  actor: StaffActor,
  c: ConversationAccess,
  member: boolean,
  inTeam = false,
): ConversationAbilities {
  if (!canView(rules, actor, c, member, inTeam)) return { ...NOTHING };
  const creator = c.createdBy !== null && c.createdBy === actor.userId;
  return ruleOf(rules, c.kind).abilities(actor, { member, creator, inTeam });
}

/**
 * One way into the actor's conversations as an SQL condition: the kinds whose holders the actor is
 * (`kind`), the kinds whose team users see them when the conversation's team is one of the actor's
 * (`team`), or membership (`member`). The first two are tests of the row's own columns, which an
 * index on them serves; membership is a semi-join driven by the actor's membership rows.
 */
export type WayIn =
  | { via: 'kind'; where: SQL; kinds: readonly string[] }
  /** `teams`: the actor's teams, as an array read once. */
  | { via: 'team'; where: SQL; kinds: readonly string[]; teams: SQL }
  | { via: 'member'; where: SQL };

/** The kinds the actor sees whole as a holder, and those they see through their teams. */
function kindsSeen(rules: ConversationRules, actor: StaffActor) {
  // The actor's permissions are known now, so a holders grant is a list of kinds, not a join.
  const held = Object.entries(rules).flatMap(([kind, rule]) => {
    const holders = rule.viewers.holders;
    return holders !== undefined && can(actor, holders) ? [kind] : [];
  });
  // Kinds whose team's users see them, when the actor holds the permission the rule asks of them.
  const byTeam = Object.entries(rules).flatMap(([kind, rule]) => {
    const team = rule.viewers.team;
    return team !== undefined && can(actor, team) && !held.includes(kind) ? [kind] : [];
  });
  return { held, byTeam };
}

/** The ids of the actor's teams, as an array read once (an InitPlan). */
function myTeamsArray(actor: StaffActor): SQL {
  return sql`array(select ${teamMembers.teamId} from ${teamMembers}
          where ${teamMembers.firmId} = ${actor.firmId} and ${teamMembers.userId} = ${actor.userId})`;
}

/**
 * The actor's conversations as a member; only those routed outside their teams when the read holds
 * kinds their teams already let them see, which the membership row itself tells (its copy of the team).
 */
function membershipsQuery(actor: StaffActor, outsideMyTeams: boolean): SQL {
  const outside = outsideMyTeams
    ? sql`and (${conversationMembers.conversationTeamId} = any(${myTeamsArray(actor)})) is not true`
    : sql``;
  return sql`select ${conversationMembers.conversationId} from ${conversationMembers}
      where ${conversationMembers.firmId} = ${actor.firmId}
        and ${conversationMembers.memberType} = 'user'
        and ${conversationMembers.memberId} = ${actor.userId} ${outside}`;
}

function waysIn(
  rules: ConversationRules,
  actor: StaffActor,
  membership: 'tested' | 'driving',
  kinds?: readonly string[],
): WayIn[] {
  const { held, byTeam } = kindsSeen(rules, actor);
  const ways: WayIn[] = [];
  if (held.length > 0) ways.push({ via: 'kind', kinds: held, where: isAnyWord(conversations.kind, held) });
  // An array read once (an InitPlan), which an index on team_id can take as its condition.
  if (byTeam.length > 0)
    ways.push({
      via: 'team',
      kinds: byTeam,
      teams: myTeamsArray(actor),
      where: and(
        isAnyWord(conversations.kind, byTeam),
        sql`${conversations.teamId} = any(${myTeamsArray(actor)})`,
      ) as SQL,
    });
  // When the read holds only kinds the earlier ways let in whole (held) or by team (byTeam), the
  // memberships that matter are those the earlier ways left out: none at all, or the ones whose
  // conversation is routed outside the actor's teams.
  const scoped = kinds !== undefined && kinds.length > 0;
  if (scoped && kinds.every((kind) => held.includes(kind))) return ways;
  const memberships = membershipsQuery(
    actor,
    scoped && kinds.every((kind) => held.includes(kind) || byTeam.includes(kind)),
  );
  ways.push({
    via: 'member',
    // Tested on rows another index delivers: uncorrelated, so each row's test is a lookup in the
    // memberships hashed once. Driving the read: an array read once, which the primary key takes as
    // its condition, so only the actor's conversations are visited.
    where:
      membership === 'tested'
        ? sql`${conversations.id} in (${memberships})`
        : sql`${conversations.id} = any(array(${memberships}))`,
  });
  return ways;
}

/**
 * SQL condition selecting the conversations of the actor's firm that the actor may see: canView
 * over rows. Every list, search and export of conversations filters with it.
 */
export function visibleConversations(rules: ConversationRules, actor: StaffActor): SQL {
  const ways = waysIn(rules, actor, 'tested').map((w) => w.where);
  return and(eq(conversations.firmId, actor.firmId), ways.length === 1 ? ways[0] : or(...ways)) as SQL;
}

/**
 * visibleConversations split into disjoint parts, one per way in, each leaving out what the earlier
 * ones let in: a count summed over the parts counts each conversation once, and each part may be
 * read through the index its way suits instead of testing every way on every row.
 */
export function visibleConversationParts(
  rules: ConversationRules,
  actor: StaffActor,
  /** The kinds the read is limited to (its own condition), when it is: fewer parts to read. */
  kinds?: readonly string[],
): WayIn[] {
  const ways = waysIn(rules, actor, 'driving', kinds);
  // "is not true": a way that is null for a row (no team) did not let it in.
  return ways.map((way, i) => ({
    ...way,
    where: and(
      eq(conversations.firmId, actor.firmId),
      ...ways.slice(0, i).map((earlier) => sql`(${earlier.where}) is not true`),
      way.where,
    ) as SQL,
  }));
}

/**
 * For a list of one kind that the actor sees through their teams (a Message Center agent's
 * dashboard), the conversations that can be on its first page, as an array the primary key takes
 * as its condition: each of the actor's teams' first rows, read in order from that team's index by
 * `firstOfTeam` (given the team id), and their memberships outside their teams. Reading the firm's
 * rows in order and keeping the actor's would visit every other team's rows on the way. Undefined
 * when the actor sees the kind otherwise (whole, as a holder, or only as a member). A superset of
 * the page, never a grant: the list still applies visibleConversations.
 */
export function firstOfMyTeams(
  rules: ConversationRules,
  actor: StaffActor,
  kind: string,
  firstOfTeam: (teamId: SQL) => SQL,
): SQL | undefined {
  const { byTeam } = kindsSeen(rules, actor);
  if (!byTeam.includes(kind)) return undefined;
  const team = sql.raw('"my_team"."id"');
  return sql`array(select "first"."id" from unnest(${myTeamsArray(actor)}) as "my_team"("id")
      cross join lateral (${firstOfTeam(team)}) as "first"
    union all ${membershipsQuery(actor, true)})`;
}

/**
 * Who receives a conversation's real-time events, given its user members: the members and the
 * rule's other viewers. Contacts are left out: staff notes must never reach them, and the portal
 * stream gets its own, filtered events.
 */
export function audienceOf(
  rules: ConversationRules,
  conversation: Pick<ConversationAccess, 'kind'>,
  memberIds: string[],
  /** The users of the conversation's team who hold the rule's team permission (see teamViewers). */
  teamViewerIds: string[] = [],
): Audience {
  const { holders, team } = ruleOf(rules, conversation.kind).viewers;
  const userIds =
    team === undefined || teamViewerIds.length === 0
      ? memberIds
      : [...new Set([...memberIds, ...teamViewerIds])];
  return holders === undefined ? { userIds } : { userIds, permission: holders };
}

/** The active users of the team who hold the permission (admins hold every permission). */
export async function teamViewers(
  ex: Executor,
  firmId: string,
  teamId: string,
  permission: Permission,
): Promise<string[]> {
  const rows = await teamViewersQuery(ex, firmId, teamId, permission);
  return rows.map((r) => r.userId);
}

// The two halves of readAudience's one statement, shaped alike (`via` tells them apart) so they unite.
function teamViewersQuery(ex: Executor, firmId: string, teamId: string, permission: Permission) {
  return ex
    .select({
      via: sql<'member' | 'team'>`'team'`.as('via'),
      userId: teamMembers.userId,
      muted: sql<boolean>`false`.as('muted'),
      name: users.name,
    })
    .from(teamMembers)
    .innerJoin(users, and(eq(users.firmId, teamMembers.firmId), eq(users.id, teamMembers.userId)))
    .where(
      and(
        eq(teamMembers.firmId, firmId),
        eq(teamMembers.teamId, teamId),
        eq(users.active, true),
        sql`(${users.role} = 'admin' or ${permission} = any(${users.permissions}))`,
      ),
    );
}

function membersQuery(ex: Executor, firmId: string, conversationId: string) {
  return ex
    .select({
      via: sql<'member' | 'team'>`'member'`.as('via'),
      userId: conversationMembers.memberId,
      muted: conversationMembers.muted,
      name: users.name,
    })
    .from(conversationMembers)
    .leftJoin(
      users,
      and(eq(users.firmId, conversationMembers.firmId), eq(users.id, conversationMembers.memberId)),
    )
    .where(
      and(
        eq(conversationMembers.firmId, firmId),
        eq(conversationMembers.conversationId, conversationId),
        eq(conversationMembers.memberType, 'user'),
      ),
    );
}

/**
 * The audience of an event about one member's own place in a conversation (their mute): that
 * member alone. Members see their conversation under every rule, and nobody else needs to know.
 */
export function memberOnlyAudience(userId: string): Audience {
  return { userIds: [userId] };
}

/** The user members of a conversation with their mute and display name. */
export async function userMembersOf(
  ex: Executor,
  firmId: string,
  conversationId: string,
): Promise<UserMember[]> {
  const rows = await membersQuery(ex, firmId, conversationId);
  return rows.map(({ userId, muted, name }) => ({ userId, muted, name }));
}

/** A conversation's user members and who its events reach, as readAudience answers them. */
export interface ConversationAudience {
  members: UserMember[];
  audience: Audience;
}

/**
 * The conversation's user members (`members` when the caller has read them) and the audience of its
 * events, in one statement: under a rule with a team permission the members and the team's viewers
 * are read together.
 */
export async function readAudience(
  rules: ConversationRules,
  ex: Executor,
  firmId: string,
  conversation: Pick<ConversationRow, 'id' | 'kind'> & { teamId?: string | null },
  members?: readonly UserMember[],
): Promise<ConversationAudience> {
  const team = ruleOf(rules, conversation.kind).viewers.team;
  const teamId = team === undefined ? null : (conversation.teamId ?? null);
  if (members) {
    const viewers = teamId && team ? await teamViewers(ex, firmId, teamId, team) : [];
    return { members: [...members], audience: audienceOf(rules, conversation, idsOf(members), viewers) };
  }
  if (!teamId || !team) {
    const read = await userMembersOf(ex, firmId, conversation.id);
    return { members: read, audience: audienceOf(rules, conversation, idsOf(read)) };
  }
  const rows = await unionAll(
    membersQuery(ex, firmId, conversation.id).$dynamic(),
    teamViewersQuery(ex, firmId, teamId, team).$dynamic(),
  );
  const read = rows
    .filter((r) => r.via === 'member')
    .map(({ userId, muted, name }) => ({ userId, muted, name }));
  const viewers = rows.filter((r) => r.via === 'team').map((r) => r.userId);
  return { members: read, audience: audienceOf(rules, conversation, idsOf(read), viewers) };
}

const idsOf = (members: readonly Pick<UserMember, 'userId'>[]) => members.map((m) => m.userId);

/** audienceOf the conversation with its current user members (`members` when the caller has read them). */
export async function conversationAudience(
  rules: ConversationRules,
  ex: Executor,
  firmId: string,
  conversation: Pick<ConversationRow, 'id' | 'kind'> & { teamId?: string | null },
  members?: readonly UserMember[],
): Promise<Audience> {
  return (await readAudience(rules, ex, firmId, conversation, members)).audience;
}

/**
 * The users told in-app of a new message: the user members who have not muted it. Those who see
 * it only through the rule's other viewers (a view_all reader) are not notified: they read, they
 * do not take part.
 */
export function notifiedMembers(members: readonly UserMember[]): string[] {
  return members.filter((m) => !m.muted).map((m) => m.userId);
}

/** Why the API refuses an ability to someone who sees the conversation. */
const refusals: Record<ConversationAbility, string> = {
  send: 'Only members can send messages in this conversation.',
  manageMembers: 'Only the creator can manage the members of this conversation.',
  mute: 'Only members can mute this conversation.',
  end: 'Only the creator of this thread can end it.',
  delete: 'Only the creator or an administrator can delete this conversation.',
};

/** A conversation as one actor finds it: the row, their membership (null for other viewers) and abilities. */
export interface ConversationFor {
  row: ConversationRow;
  membership: MemberRow | null;
  /** The actor belongs to the team the conversation is routed to (looked up only for kinds whose rule asks). */
  inTeam: boolean;
  abilities: ConversationAbilities;
  /** Every user member, when asked for (options.members). */
  members?: UserMember[];
}

/** 403 unless the found conversation grants the ability (refusal overrides the usual explanation). */
export function requireAbility(found: ConversationFor, ability: ConversationAbility, refusal?: string): void {
  if (!found.abilities[ability]) throw forbidden(refusal ?? refusals[ability]);
}

/**
 * The conversation with the actor's membership and abilities: 404 when the firm has no such
 * conversation or the actor may not see it (so another firm's conversation, or one kept from the
 * actor, looks the same as none), 403 when they see it but lack `ability` ('view' asks for nothing
 * more). `lock` locks the row for the transaction.
 */
export async function loadConversationFor(
  rules: ConversationRules,
  ex: Executor,
  actor: StaffActor,
  id: string,
  ability: ConversationAbility | 'view',
  options: { lock?: boolean; refusal?: string; members?: boolean } = {},
): Promise<ConversationFor> {
  const standing = await loadStanding(ex, actor.firmId, id, actor.userId, options);
  if (!standing) throw notFound('conversation');
  const { row, membership, members } = standing;
  const inTeam = ruleUsesTeam(rules, row.kind) && standing.inTeam;
  if (!canView(rules, actor, row, membership !== null, inTeam)) throw notFound('conversation');
  const found = {
    row,
    membership,
    inTeam,
    abilities: abilities(rules, actor, row, membership !== null, inTeam),
    ...(members ? { members } : {}),
  };
  if (ability !== 'view') requireAbility(found, ability, options.refusal);
  return found;
}
