import type { ConversationOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import type { Executor } from '../../platform/db/client';
import type { StaffActor } from '../../platform/http/actor';
import type { ConversationView } from '../conversations/plugins';
import type { ConversationRow } from '../conversations/queries';
import { presentConsumer } from './consumer-model';
import { canEditConsumer } from './consumer-policy';
import { openConsumers } from './consumer-store';
import type { SmsConversationFacts } from './details-queries';
import { serviceAreaOf } from './service-area';

/**
 * What `sms` conversations carry of what agents noted about each customer, from what the page's read
 * found (the sealed record, the location's service area): the service-area verdict in lists and
 * details, whether the caller may
 * change the details, and the details themselves in one conversation's details only, where reading
 * them is audited (they are secure content).
 */
export async function consumerViews(
  ex: Executor,
  deps: Pick<Deps, 'clock' | 'keyring'>,
  actor: StaffActor,
  rows: ConversationRow[],
  view: ConversationView,
  facts: ReadonlyMap<string, Pick<SmsConversationFacts, 'consumer' | 'area'>>,
): Promise<Map<string, Partial<ConversationOut>>> {
  const out = new Map<string, Partial<ConversationOut>>();
  const sealed = [...facts.values()].flatMap((f) => (f.consumer ? [f.consumer] : []));
  const consumers = await openConsumers(ex, deps.keyring, actor.firmId, sealed);
  for (const row of rows) {
    const consumer = row.contactPhone ? consumers.get(row.contactPhone) : undefined;
    const area = facts.get(row.id)?.area ?? null;
    const extra: Partial<ConversationOut> = {
      serviceArea: serviceAreaOf(consumer?.details.place ?? null, area),
      consumerEditable: canEditConsumer(actor, row),
    };
    if (view === 'detail') {
      extra.consumer = consumer ? presentConsumer(consumer.details, consumer.updatedAt) : null;
      if (consumer) await auditConsumerRead(ex, deps, actor, row.id);
    }
    out.set(row.id, extra);
  }
  return out;
}

/** Records that the actor was shown the consumer details of a conversation's customer. */
export async function auditConsumerRead(
  ex: Executor,
  deps: Pick<Deps, 'clock'>,
  actor: StaffActor,
  conversationId: string,
): Promise<void> {
  await recordAudit(
    ex,
    {
      ...auditActor(actor),
      action: 'message_center.consumer_read',
      targetType: 'conversation',
      targetId: conversationId,
    },
    deps.clock(),
  );
}
