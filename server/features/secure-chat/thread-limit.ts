import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { conversations, matters, secureChatLinks } from '../../platform/db/schema';
import { Problem } from '../../platform/http/problem';
import { THREAD_LIMIT_DETAIL } from './model';

/** One open thread that counts toward a user's limit with a client, as the 422 lists it. */
export interface CountedThread {
  id: string;
  matterId: string | null;
  matterName: string | null;
  contactPhone: string | null;
  firmPhone: string | null;
  lastMessageAt: string | null;
}

/**
 * 422 thread-limit: names the limit and lists the open threads that count, so the user can open or
 * end one of them in place (API.md: `limit` and `threads` extend the problem).
 */
export class ThreadLimitProblem extends Problem {
  constructor(
    readonly limit: number,
    readonly threads: CountedThread[],
    detail: string,
  ) {
    super(422, 'thread-limit', 'Not allowed by a business rule', detail);
  }

  override toJSON() {
    return { ...super.toJSON(), limit: this.limit, threads: this.threads };
  }
}

/** What the user is told: the limit when they reached it, the pool when it has no number left for the phone. */
export function threadLimitDetail(limit: number, atUserLimit: boolean): string {
  return atUserLimit
    ? `You already have ${limit} open ${limit === 1 ? 'thread' : 'threads'} with this client, the firm's limit. ${THREAD_LIMIT_DETAIL}`
    : `Every secure-chat number is already linked to this phone. ${THREAD_LIMIT_DETAIL}`;
}

/**
 * Serialises thread starts by one user with one client (whatever the phone): two simultaneous
 * starts would each count the other's thread as absent.
 */
export async function lockUserAndClient(tx: Tx, firmId: string, userId: string, contactId: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`secure-chat:${firmId}:${userId}:${contactId}`}, 0))`,
  );
}

/** The user's open threads with a contact, on any of its phones, oldest first. */
export async function openThreadsOfUserWith(
  tx: Tx,
  firmId: string,
  userId: string,
  contactId: string,
): Promise<CountedThread[]> {
  const rows = await tx
    .select({
      id: conversations.id,
      matterId: conversations.matterId,
      matterName: matters.name,
      contactPhone: conversations.contactPhone,
      firmPhone: conversations.firmPhone,
      lastMessageAt: conversations.lastMessageAt,
    })
    .from(secureChatLinks)
    .innerJoin(
      conversations,
      and(
        eq(conversations.firmId, secureChatLinks.firmId),
        eq(conversations.id, secureChatLinks.conversationId),
      ),
    )
    .leftJoin(matters, and(eq(matters.firmId, conversations.firmId), eq(matters.id, conversations.matterId)))
    .where(
      and(
        eq(secureChatLinks.firmId, firmId),
        eq(secureChatLinks.userId, userId),
        eq(conversations.contactId, contactId),
        eq(conversations.status, 'open'),
      ),
    )
    .orderBy(asc(conversations.createdAt));
  return rows.map((r) => ({ ...r, lastMessageAt: r.lastMessageAt?.toISOString() ?? null }));
}
