import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/client';
import { preparedOnce } from '../../platform/db/prepared-once';
import {
  conversationMembers,
  conversations,
  type messageDeliveries,
  type messages,
  teamMembers,
  users,
} from '../../platform/db/schema';

// Loaders shared by the conversation use cases and by the features that build on conversations.

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type MemberRow = typeof conversationMembers.$inferSelect;
export type DeliveryRow = typeof messageDeliveries.$inferSelect;

/** The conversation (row locked when asked), or null when the firm has no such conversation. */
export async function loadConversation(
  ex: Executor,
  firmId: string,
  id: string,
  lock = false,
): Promise<ConversationRow | null> {
  const query = ex
    .select()
    .from(conversations)
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** A user member of a conversation, as the audience, the notifications and the message view need them. */
export interface UserMember {
  userId: string;
  muted: boolean;
  name: string | null;
}

/** A conversation as one user stands to it, read in a single statement (see loadStanding). */
export interface Standing {
  row: ConversationRow;
  /** The user's own membership row, or null. */
  membership: MemberRow | null;
  /** The user belongs to the team the conversation is routed to (false without a team). */
  inTeam: boolean;
  /** Every user member, when asked for. */
  members?: UserMember[];
}

const everyMember = alias(conversationMembers, 'every_member');
const memberUser = alias(users, 'member_user');

/** The statement of loadStanding for one choice of lock and members (see preparedOnce). */
function standingStatement(lock: boolean, withMembers: boolean) {
  return preparedOnce((ex) => {
    const members = sql<UserMember[]>`(select coalesce(json_agg(json_build_object(
        'userId', ${everyMember.memberId}, 'muted', ${everyMember.muted}, 'name', ${memberUser.name})), '[]')
      from ${conversationMembers} as ${everyMember} left join ${users} as ${memberUser}
        on ${memberUser.firmId} = ${everyMember.firmId} and ${memberUser.id} = ${everyMember.memberId}
      where ${everyMember.firmId} = ${conversations.firmId}
        and ${everyMember.conversationId} = ${conversations.id}
        and ${everyMember.memberType} = 'user')`;
    const userId = sql.placeholder('userId');
    const query = ex
      .select({
        row: conversations,
        membership: conversationMembers,
        inTeam: sql<boolean>`exists (select 1 from ${teamMembers}
          where ${teamMembers.firmId} = ${conversations.firmId}
            and ${teamMembers.teamId} = ${conversations.teamId}
            and ${teamMembers.userId} = ${userId})`,
        members: withMembers ? members : sql<null>`null`,
      })
      .from(conversations)
      .leftJoin(
        conversationMembers,
        and(
          eq(conversationMembers.firmId, conversations.firmId),
          eq(conversationMembers.conversationId, conversations.id),
          eq(conversationMembers.memberType, 'user'),
          eq(conversationMembers.memberId, userId),
        ),
      )
      .where(
        and(eq(conversations.firmId, sql.placeholder('firmId')), eq(conversations.id, sql.placeholder('id'))),
      );
    const name = `parley_standing_${lock ? 'lock' : 'read'}_${withMembers ? 'members' : 'alone'}`;
    return (lock ? query.for('update', { of: conversations }) : query).prepare(name);
  });
}

const standingStatements = {
  read: { alone: standingStatement(false, false), members: standingStatement(false, true) },
  lock: { alone: standingStatement(true, false), members: standingStatement(true, true) },
};

/**
 * The conversation with the user's membership, their place in its team and (`members`) every user
 * member, in one statement: the message send runs this once instead of four reads. Null when the firm
 * has no such conversation. `lock` locks the conversation row for the transaction.
 */
export async function loadStanding(
  ex: Executor,
  firmId: string,
  id: string,
  userId: string,
  options: { lock?: boolean; members?: boolean } = {},
): Promise<Standing | null> {
  const statement = standingStatements[options.lock ? 'lock' : 'read'][options.members ? 'members' : 'alone'];
  const [found] = await statement(ex).execute({ firmId, id, userId });
  if (!found) return null;
  return {
    row: found.row,
    membership: found.membership,
    inTeam: found.inTeam,
    ...(options.members ? { members: found.members as UserMember[] } : {}),
  };
}
