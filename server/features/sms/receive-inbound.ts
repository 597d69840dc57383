import { eq, sql } from 'drizzle-orm';
import { classifyInbound } from '../../channels/sms/keywords';
import type { InboundSms, SmsProviderName } from '../../channels/sms/port';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { inboundReceipts, smsAutoReplies } from '../../platform/db/schema';
import { appendOutbox } from '../../platform/outbox/append';
import { maskPhone } from '../../platform/phone';
import { loadConversation } from '../conversations/queries';
import { storeMessage } from '../conversations/store-message';
import { AUTO_REPLY_INTERVAL_MS, earnsUnlinkedReply } from '../secure-chat/model';
import { findLink } from '../secure-chat/queries';
import { SMS_SEND_TOPIC, type SmsSendPayload } from './payload';
import { ownerOfNumber } from './queries';

/** What became of an inbound text. */
export type InboundOutcome =
  /** It landed in the thread linked to its (firm number, client phone) pair. */
  | { result: 'stored'; conversationId: string; messageId: string }
  /** The provider delivered it before (webhook retry): nothing new was stored. */
  | { result: 'duplicate' }
  /** No firm owns the number it was sent to. */
  | { result: 'unknown-number' }
  /** No open thread links the pair (e.g. the thread was ended): nothing stored, maybe auto-replied. */
  | { result: 'unlinked'; autoReplied: boolean }
  /** Sent to a Message Center campaign number (handled by a later feature). */
  | { result: 'campaign' };

/** The body stored for a text; a picture-only MMS says so, since attachments are not kept yet. */
function storedBody(inbound: InboundSms): string {
  if (inbound.body !== '' || inbound.media.length === 0) return inbound.body;
  return `[Picture message with ${inbound.media.length} attachment(s); attachments are not shown yet]`;
}

/**
 * Takes the client phone's daily automatic reply of this kind: true (and the time recorded) when
 * none went out in the last day. The conditional upsert decides between simultaneous texts.
 */
async function claimAutoReply(tx: Tx, firmId: string, clientPhone: string, now: Date): Promise<boolean> {
  const cutoff = new Date(now.getTime() - AUTO_REPLY_INTERVAL_MS);
  const claimed = await tx
    .insert(smsAutoReplies)
    .values({ firmId, clientPhone, kind: 'secure_chat_unlinked', lastSentAt: now })
    .onConflictDoUpdate({
      target: [smsAutoReplies.firmId, smsAutoReplies.clientPhone, smsAutoReplies.kind],
      set: { lastSentAt: now },
      setWhere: sql`${smsAutoReplies.lastSentAt} <= ${cutoff.toISOString()}::timestamptz`,
    })
    .returning({ at: smsAutoReplies.lastSentAt });
  return claimed.length > 0;
}

/**
 * Where texts to Message Center campaign numbers will open or continue a conversation (a later
 * issue). Until then they are acknowledged to the provider and nothing is stored.
 */
async function receiveCampaignSms(deps: Deps, inbound: InboundSms, firmId: string): Promise<InboundOutcome> {
  deps.log.info({ firmId, to: maskPhone(inbound.to) }, 'inbound text to a campaign number not handled yet');
  return { result: 'campaign' };
}

/**
 * Handles a text a client sent to one of the firms' numbers, once per provider message id (a
 * retried webhook finds its receipt and stores nothing). The firm is the owner of the number.
 * On a secure-chat number the open link of (that number, the client's phone) names the thread:
 * the text is stored there as written by the thread's contact, which notifies the members and
 * pushes `message.created`. Keywords (STOP, HELP …) are stored like any text for now.
 *
 * Without an open link (the thread was ended, or never existed) the text lands nowhere: nothing
 * is stored, the event is audited, and the client gets one polite automatic reply a day saying the
 * conversation has ended, never in answer to STOP or other keywords or to a likely revocation.
 */
export async function receiveInboundSms(
  deps: Deps,
  inbound: InboundSms,
  provider: SmsProviderName,
): Promise<InboundOutcome> {
  const owner = await ownerOfNumber(deps.db, inbound.to);
  if (!owner) {
    deps.log.warn({ provider, to: maskPhone(inbound.to) }, 'inbound text to a number no firm owns');
    return { result: 'unknown-number' };
  }
  const { firmId } = owner;
  if (owner.purpose === 'campaign') return receiveCampaignSms(deps, inbound, firmId);

  return inTransaction(deps, async (tx, events): Promise<InboundOutcome> => {
    const [receipt] = await tx
      .insert(inboundReceipts)
      .values({ key: `${provider}:${inbound.providerId}`, firmId, receivedAt: inbound.receivedAt })
      .onConflictDoNothing()
      .returning({ key: inboundReceipts.key });
    if (!receipt) return { result: 'duplicate' };

    const link = await findLink(tx, firmId, inbound.to, inbound.from);
    const conversation = link ? await loadConversation(tx, firmId, link.conversationId, true) : null;
    if (conversation && conversation.status === 'open') {
      const stored = await storeMessage(tx, deps, {
        conversation,
        author: { type: 'contact', id: conversation.contactId },
        body: storedBody(inbound),
        source: 'sms',
      });
      await tx
        .update(inboundReceipts)
        .set({ messageId: stored.message.id })
        .where(eq(inboundReceipts.key, receipt.key));
      events.push(...stored.events);
      return { result: 'stored', conversationId: conversation.id, messageId: stored.message.id };
    }

    const now = deps.clock();
    const autoReplied =
      earnsUnlinkedReply(classifyInbound(inbound.body)) &&
      (await claimAutoReply(tx, firmId, inbound.from, now));
    if (autoReplied) {
      const payload: SmsSendPayload = {
        kind: 'auto_reply',
        firmId,
        reply: 'secure_chat_unlinked',
        from: inbound.to,
        to: inbound.from,
      };
      await appendOutbox(tx, {
        firmId,
        topic: SMS_SEND_TOPIC,
        payload,
        idempotencyKey: `auto-reply:${provider}:${inbound.providerId}`,
      });
    }
    await recordAudit(
      tx,
      {
        firmId,
        actorType: 'system',
        action: 'sms.inbound_unlinked',
        targetType: 'firm_number',
        targetId: inbound.to,
        details: { provider, from: maskPhone(inbound.from), autoReplied },
      },
      now,
    );
    return { result: 'unlinked', autoReplied };
  });
}
