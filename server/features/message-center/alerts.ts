import { z } from 'zod';
import type { Deps } from '../../deps';
import { busEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { appendOutbox } from '../../platform/outbox/append';
import { type ChannelSender, sendFailure } from '../../platform/outbox/relay';
import { conversationAudience } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { type ConversationRow, loadConversation } from '../conversations/queries';
import { loadSettings } from '../settings/load-settings';
import { alertDeadline } from './model';

// Alerts change with time alone (unclaimed → unclaimed_overdue, waiting → waiting_overdue), so the
// server tells the dashboards when a threshold passes instead of having them poll: every change
// that sets a new threshold schedules an outbox job at that time. The outbox hands each job to one
// process (FOR UPDATE SKIP LOCKED), so several processes push each alert once; a job whose
// threshold no longer holds when it runs (claimed, answered, closed meanwhile) publishes nothing.

/** The outbox topic of alert thresholds. */
export const ALERT_TOPIC = 'message_center.alert';

const alertPayload = z.object({
  conversationId: z.uuid(),
  /** The threshold the job was scheduled for (ISO), compared with the conversation's current one. */
  at: z.iso.datetime(),
});

/**
 * Schedules the push of the conversation's next alert threshold, if it has one in the future, in
 * the caller's transaction. Call after any change of claim, wait or status.
 */
export async function scheduleAlert(tx: Tx, deps: Pick<Deps, 'clock'>, row: ConversationRow): Promise<void> {
  if (row.kind !== 'sms') return;
  const { alertMinutes } = await loadSettings(tx, row.firmId);
  const deadline = alertDeadline(row, alertMinutes);
  if (!deadline || deadline.at.getTime() <= deps.clock().getTime()) return;
  const at = deadline.at.toISOString();
  await appendOutbox(tx, {
    firmId: row.firmId,
    topic: ALERT_TOPIC,
    payload: { conversationId: row.id, at },
    idempotencyKey: `mc-alert:${row.id}:${at}`,
    notBefore: deadline.at,
  });
}

/**
 * The outbox channel of alert thresholds: when the conversation still has the threshold the job was
 * scheduled for, its audience hears `conversation.updated` (reason alert) and refetches it.
 */
export function alertSender(deps: Deps): ChannelSender {
  return async (job) => {
    const parsed = alertPayload.safeParse(job.payload);
    if (!parsed.success) throw sendFailure('invalid alert payload', { permanent: true });
    const row = await loadConversation(deps.db, job.firmId, parsed.data.conversationId);
    if (!row) return { skipped: 'deleted' };
    const { alertMinutes } = await loadSettings(deps.db, job.firmId);
    const deadline = alertDeadline(row, alertMinutes);
    if (!deadline || deadline.at.toISOString() !== parsed.data.at) return { skipped: 'stale' };
    const audience = await conversationAudience(deps.conversations.rules, deps.db, job.firmId, row);
    deps.bus.publish(
      busEvent('conversation.updated', job.firmId, audience, conversationUpdated(row, 'alert')),
    );
    return { published: deadline.kind };
  };
}
