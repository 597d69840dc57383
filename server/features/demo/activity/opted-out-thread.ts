import { inTransaction } from '../../../platform/bus/in-transaction';
import { loadConversation } from '../../conversations/queries';
import { recordConsentChange } from '../../sms/consent';
import type { DemoContext } from './context';

/**
 * The consent ledger of a demo thread whose client replied STOP: the opt-out entry (cause keyword,
 * naming the STOP message), as the inbound consent step would have recorded it. No confirmation is
 * queued: the demo's past texts are never sent.
 */
export async function recordOptOutDemo(
  ctx: DemoContext,
  input: { conversationId: string; stopMessageId: string },
): Promise<void> {
  await inTransaction(ctx.deps, async (tx, events) => {
    const thread = await loadConversation(tx, ctx.demo.firmId, input.conversationId);
    if (!thread?.contactPhone || !thread.firmPhone) throw new Error('demo opted-out thread is not texted');
    await recordConsentChange(
      tx,
      ctx.deps,
      {
        firmId: ctx.demo.firmId,
        phone: thread.contactPhone,
        firmPhone: thread.firmPhone,
        state: 'opted_out',
        cause: 'keyword',
        keyword: 'STOP',
        messageId: input.stopMessageId,
      },
      events,
    );
  });
}
