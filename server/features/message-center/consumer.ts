import { and, eq, ne, or } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { conversations } from '../../platform/db/schema';
import type { Place } from '../../platform/geo/geocoder';
import type { StaffActor } from '../../platform/http/actor';
import { forbidden } from '../../platform/http/problem';
import { conversationAudience, loadConversationFor } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { conversationDetail } from '../conversations/conversation-views';
import type { ConversationRow } from '../conversations/queries';
import { consumerDetailsOf } from './consumer-model';
import { canEditConsumer } from './consumer-policy';
import type { ConsumerBody } from './consumer-schemas';
import { saveConsumer } from './consumer-store';
import { notMessageCenter } from './problems';

/** Whose consumer details are saved, from which conversation, and what they are. */
export interface UpdateConsumerInput {
  actor: StaffActor;
  ip?: string;
  conversationId: string;
  body: ConsumerBody;
}

/**
 * Saves the consumer details of a Message Center conversation's customer (on the customer number, so
 * every conversation from that number shows them) and places the address through the geocoder for
 * the service-area indicator. 404 unless the actor sees the conversation, 403 unless they may edit
 * (canEditConsumer). Every open conversation from the number, and this one, is announced as
 * `conversation.updated` (reason details) to those who see it.
 */
export async function updateConsumer(deps: Deps, input: UpdateConsumerInput) {
  const place = await placeOfConsumer(deps, input.body);
  return inTransaction(deps, async (tx, events) =>
    conversationDetail(tx, deps, input.actor, await saveConsumerOf(tx, deps, input, place, events)),
  );
}

/**
 * Where the geocoder places the details' address (null without one). Called before the transaction: the
 * geocoder may be slow, and needs no lock.
 */
export async function placeOfConsumer(deps: Deps, body: ConsumerBody): Promise<Place | null> {
  const address = body.address?.trim();
  return address ? deps.geocoder.locate(address) : null;
}

/**
 * The saving itself, in the caller's transaction with the place found beforehand (placeOfConsumer),
 * answering the conversation's row: all of updateConsumer but its answer, for a caller with no use for
 * the agent's view of it (the demo seed).
 */
export async function saveConsumerOf(
  tx: Tx,
  deps: Deps,
  input: UpdateConsumerInput,
  place: Place | null,
  events: PublishedEvent[],
): Promise<ConversationRow> {
  const { actor } = input;
  const { firmId } = actor;
  const { row } = await loadConversationFor(
    deps.conversations.rules,
    tx,
    actor,
    input.conversationId,
    'view',
  );
  if (row.kind !== 'sms' || !row.contactPhone) throw notMessageCenter();
  if (!canEditConsumer(actor, row))
    throw forbidden(
      'Only the agent who claimed this conversation, or a supervisor, can change the consumer details.',
    );
  await saveConsumer(tx, deps.keyring, {
    firmId,
    phone: row.contactPhone,
    details: consumerDetailsOf(input.body, place),
    by: actor.userId,
    now: deps.clock(),
  });
  await recordAudit(
    tx,
    {
      ...auditActor(actor, input.ip),
      action: 'message_center.consumer_updated',
      targetType: 'conversation',
      targetId: row.id,
    },
    deps.clock(),
  );
  const affected = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.firmId, firmId),
        eq(conversations.kind, 'sms'),
        eq(conversations.contactPhone, row.contactPhone),
        or(eq(conversations.id, row.id), ne(conversations.status, 'closed')),
      ),
    );
  for (const c of affected)
    events.push(
      busEvent(
        'conversation.updated',
        firmId,
        await conversationAudience(deps.conversations.rules, tx, firmId, c),
        conversationUpdated(c, 'details'),
      ),
    );
  return row;
}
