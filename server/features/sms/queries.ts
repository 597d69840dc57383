import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { preparedOnce } from '../../platform/db/prepared-once';
import {
  conversationMembers,
  conversations,
  firmNumbers,
  firms,
  messageDeliveries,
  users,
} from '../../platform/db/schema';
import type { UserMember } from '../conversations/queries';

export type DeliveryRow = typeof messageDeliveries.$inferSelect;

/** What a firm number is for. */
export type NumberPurpose = 'secure_chat' | 'campaign';

/**
 * The firm that owns a provider number and what the number is for, or null for a number no firm
 * owns. Providers name only numbers, so this global lookup is how a webhook finds its firm.
 */
export async function ownerOfNumber(
  ex: Executor,
  e164: string,
): Promise<{ firmId: string; purpose: NumberPurpose } | null> {
  const [row] = await ex
    .select({ firmId: firmNumbers.firmId, purpose: firmNumbers.purpose })
    .from(firmNumbers)
    .where(eq(firmNumbers.e164, e164));
  return row ? { firmId: row.firmId, purpose: row.purpose as NumberPurpose } : null;
}

/** A delivery as events and the API show it. */
export type DeliveryShown = Pick<DeliveryRow, 'channel' | 'recipient' | 'status' | 'segments' | 'errorCode'>;

/** What the event of a changed delivery needs: its conversation's kind and team, the message's deliveries, the user members. */
export interface DeliveryFacts {
  kind: string;
  teamId: string | null;
  deliveries: DeliveryShown[];
  members: UserMember[];
}

const deliveryFactsStatement = preparedOnce((ex) => {
  const firmId = sql.placeholder('firmId');
  const conversationId = sql.placeholder('conversationId');
  return ex
    .select({
      kind: conversations.kind,
      teamId: conversations.teamId,
      deliveries: sql<DeliveryShown[]>`(select coalesce(json_agg(json_build_object(
          'channel', d.channel, 'recipient', d.recipient, 'status', d.status, 'segments', d.segments,
          'errorCode', d.error_code) order by d.channel, d.recipient), '[]')
        from ${messageDeliveries} d where d.firm_id = ${firmId} and d.message_id = ${sql.placeholder('messageId')})`,
      members: sql<UserMember[]>`(select coalesce(json_agg(json_build_object(
          'userId', m.member_id, 'muted', m.muted, 'name', u.name)), '[]')
        from ${conversationMembers} m left join ${users} u on u.firm_id = m.firm_id and u.id = m.member_id
        where m.firm_id = ${firmId} and m.conversation_id = ${conversationId} and m.member_type = 'user')`,
    })
    .from(conversations)
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, conversationId)))
    .prepare('parley_delivery_facts');
});

/**
 * The facts of a changed delivery's event in one statement (instead of the conversation, the
 * deliveries and the members one by one: the texts' background path, issue 11). Null when the
 * conversation is gone.
 */
export async function deliveryFacts(
  ex: Executor,
  delivery: Pick<DeliveryRow, 'firmId' | 'conversationId' | 'messageId'>,
): Promise<DeliveryFacts | null> {
  const [row] = await deliveryFactsStatement(ex).execute(delivery);
  return row ?? null;
}

/** The firm's display name (signs automatic replies). */
export async function firmName(ex: Executor, firmId: string): Promise<string> {
  const [row] = await ex.select({ name: firms.name }).from(firms).where(eq(firms.id, firmId));
  return row?.name ?? 'Parley';
}
