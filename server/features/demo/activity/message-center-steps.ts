import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../deps';
import { inTransaction } from '../../../platform/bus/in-transaction';
import type { Tx } from '../../../platform/db/client';
import { mcConsumers } from '../../../platform/db/schema';
import type { StaffActor } from '../../../platform/http/actor';
import type { ConversationRow } from '../../conversations/queries';
import { takeClaim } from '../../message-center/claim';
import { closeByStaff } from '../../message-center/close';
import { placeOfConsumer, saveConsumerOf } from '../../message-center/consumer';
import type { ConsumerBody } from '../../message-center/consumer-schemas';
import { auditConsumerRead } from '../../message-center/consumer-views';

// The demo's Message Center steps: the claim, close and consumer-details use cases with everything they
// write and announce, less the agent's view of the conversation they answer a request with (six reads,
// among them the widest join of the Message Center) that the seed would throw away forty times. The
// test demo/message-center-steps.test.ts holds them to what the use cases leave.

/**
 * The one write of the view a use case answers with: showing the customer's consumer details, when the
 * number has any, is audited (consumerViews). The demo's audit trail keeps those entries.
 */
async function auditedView(tx: Tx, deps: Deps, actor: StaffActor, row: ConversationRow): Promise<void> {
  if (row.kind !== 'sms' || !row.contactPhone) return;
  const [consumer] = await tx
    .select({ phone: mcConsumers.phone })
    .from(mcConsumers)
    .where(and(eq(mcConsumers.firmId, row.firmId), eq(mcConsumers.phone, row.contactPhone)));
  if (consumer) await auditConsumerRead(tx, deps, actor, row.id);
}

/** An agent claims a conversation, as claimConversation does. */
export function demoClaim(deps: Deps, actor: StaffActor, conversationId: string): Promise<void> {
  return inTransaction(deps, async (tx, events) =>
    auditedView(tx, deps, actor, await takeClaim(tx, deps, { actor, conversationId }, events)),
  );
}

/** An agent closes a conversation, as closeConversation does. */
export function demoClose(deps: Deps, actor: StaffActor, conversationId: string): Promise<void> {
  return inTransaction(deps, async (tx, events) =>
    auditedView(tx, deps, actor, await closeByStaff(tx, deps, { actor, conversationId }, events)),
  );
}

/** An agent saves the customer's consumer details, as updateConsumer does. */
export async function demoConsumer(
  deps: Deps,
  actor: StaffActor,
  conversationId: string,
  body: ConsumerBody,
): Promise<void> {
  const place = await placeOfConsumer(deps, body);
  return inTransaction(deps, async (tx, events) =>
    auditedView(
      tx,
      deps,
      actor,
      await saveConsumerOf(tx, deps, { actor, conversationId, body }, place, events),
    ),
  );
}
