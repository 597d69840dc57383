import type { ConversationOut } from '../../../contracts/conversations';
import { auditActor, recordAuditIn } from '../../platform/audit/audit-log';
import type { ConversationDecorator } from '../conversations/plugins';
import { presentConsumer } from './consumer-model';
import { canEditConsumer } from './consumer-policy';
import { loadConsumers } from './consumer-store';
import { serviceAreaOf } from './service-area';
import { serviceAreasOfCampaigns } from './service-area-queries';

/**
 * Adds to the `sms` decorator what agents noted about each customer: the service-area verdict in
 * lists and details, whether the caller may change the details, and the details themselves in one
 * conversation's details only, where reading them is audited (they are secure content).
 */
export function withConsumerDetails(base: ConversationDecorator): ConversationDecorator {
  return async (ex, deps, actor, rows, view) => {
    const out = await base(ex, deps, actor, rows, view);
    const phones = rows.flatMap((r) => (r.contactPhone ? [r.contactPhone] : []));
    const consumers = await loadConsumers(ex, deps.keyring, actor.firmId, phones);
    const located = rows.filter((r) => r.contactPhone && consumers.get(r.contactPhone)?.details.place);
    const areas = await serviceAreasOfCampaigns(
      ex,
      actor.firmId,
      located.flatMap((r) => (r.campaignId ? [r.campaignId] : [])),
    );
    for (const row of rows) {
      const consumer = row.contactPhone ? consumers.get(row.contactPhone) : undefined;
      const area = row.campaignId ? (areas.get(row.campaignId) ?? null) : null;
      const extra: Partial<ConversationOut> = {
        serviceArea: serviceAreaOf(consumer?.details.place ?? null, area),
        consumerEditable: canEditConsumer(actor, row),
      };
      if (view === 'detail') {
        extra.consumer = consumer ? presentConsumer(consumer.details, consumer.updatedAt) : null;
        if (consumer)
          await recordAuditIn(
            ex,
            {
              ...auditActor(actor),
              action: 'message_center.consumer_read',
              targetType: 'conversation',
              targetId: row.id,
            },
            deps.clock(),
          );
      }
      out.set(row.id, { ...out.get(row.id), ...extra });
    }
    return out;
  };
}
