import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DeliveryUpdate } from '../../channels/sms/port';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import { inTransaction, publishEvents } from '../../platform/bus/in-transaction';
import type { Executor } from '../../platform/db/client';
import { messageDeliveries } from '../../platform/db/schema';
import { readAudience } from '../conversations/access';
import { recordConsentChange } from './consent';
import { statusesBefore } from './model';
import { type DeliveryRow, deliveryFacts, ownerOfNumber } from './queries';

/**
 * The `message.updated` event of a message whose delivery changed: ids and every delivery of the
 * message (channel, recipient, status, segments, error code), to the conversation's audience.
 * Null when the conversation is gone (deleted while the text was on its way).
 */
export async function deliveryChangedEvent(
  deps: Pick<Deps, 'conversations'>,
  ex: Executor,
  delivery: Pick<DeliveryRow, 'firmId' | 'conversationId' | 'messageId'>,
): Promise<PublishedEvent | null> {
  const facts = await deliveryFacts(ex, delivery);
  if (!facts) return null;
  const { audience } = await readAudience(
    deps.conversations.rules,
    ex,
    delivery.firmId,
    { id: delivery.conversationId, kind: facts.kind, teamId: facts.teamId },
    facts.members,
  );
  return busEvent('message.updated', delivery.firmId, audience, {
    conversationId: delivery.conversationId,
    messageId: delivery.messageId,
    deliveries: facts.deliveries,
  });
}

/** Twilio's error code for a recipient who replied STOP (on a send or in a status callback). */
export const TWILIO_UNSUBSCRIBED = '21610';

/**
 * A status callback reporting 21610: the recipient of that text (found by its provider id) is
 * opted out of texts from the firm number, cause provider (the ledger records it once).
 */
async function recordUnsubscribedRecipient(
  deps: Deps,
  input: { firmId: string; firmPhone: string; providerId: string },
): Promise<void> {
  await inTransaction(deps, async (tx, events) => {
    const [delivery] = await tx
      .select({ recipient: messageDeliveries.recipient })
      .from(messageDeliveries)
      .where(
        and(
          eq(messageDeliveries.firmId, input.firmId),
          eq(messageDeliveries.providerId, input.providerId),
          eq(messageDeliveries.channel, 'sms'),
        ),
      );
    if (!delivery) return;
    await recordConsentChange(
      tx,
      deps,
      {
        firmId: input.firmId,
        phone: delivery.recipient,
        firmPhone: input.firmPhone,
        state: 'opted_out',
        cause: 'provider',
      },
      events,
    );
  });
}

/**
 * Applies a provider's delivery update to the SMS delivery with that provider id in the firm,
 * forward only: an update that arrives late (sent after delivered) or repeats changes nothing.
 * Publishes `message.updated` when it changed something; answers whether it did.
 */
export async function applyDeliveryUpdate(
  deps: Deps,
  input: { firmId: string; update: DeliveryUpdate; firmPhone?: string },
): Promise<boolean> {
  const { firmId, update } = input;
  if (update.errorCode === TWILIO_UNSUBSCRIBED && input.firmPhone)
    await recordUnsubscribedRecipient(deps, {
      firmId,
      firmPhone: input.firmPhone,
      providerId: update.providerId,
    });
  const replaceable = statusesBefore(update.status);
  if (replaceable.length === 0) return false;
  // One statement changes the delivery, so it needs no transaction; its event is read after it.
  const [changed] = await deps.db
    .update(messageDeliveries)
    .set({
      status: update.status,
      errorCode: update.errorCode ?? sql`${messageDeliveries.errorCode}`,
      updatedAt: deps.clock(),
    })
    .where(
      and(
        eq(messageDeliveries.firmId, firmId),
        eq(messageDeliveries.providerId, update.providerId),
        eq(messageDeliveries.channel, 'sms'),
        inArray(messageDeliveries.status, replaceable),
      ),
    )
    .returning();
  if (!changed) return false;
  const event = await deliveryChangedEvent(deps, deps.db, changed);
  if (event) publishEvents(deps, [event]);
  return true;
}

/**
 * Applies a delivery update reported for a text sent from `firmPhone` (the firm is found by its
 * number). Answers false when no firm owns the number or no delivery changed.
 */
export async function applyProviderDeliveryUpdate(
  deps: Deps,
  input: { firmPhone: string; update: DeliveryUpdate },
): Promise<boolean> {
  const owner = await ownerOfNumber(deps.db, input.firmPhone);
  if (!owner) return false;
  return applyDeliveryUpdate(deps, {
    firmId: owner.firmId,
    update: input.update,
    firmPhone: input.firmPhone,
  });
}
