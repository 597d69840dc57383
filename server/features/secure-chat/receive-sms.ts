import { sql } from 'drizzle-orm';
import type { InboundSms } from '../../channels/sms/port';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Tx } from '../../platform/db/client';
import { smsAutoReplies } from '../../platform/db/schema';
import { appendOutbox } from '../../platform/outbox/append';
import { maskPhone } from '../../platform/phone';
import { loadConversation } from '../conversations/queries';
import { storeMessage } from '../conversations/store-message';
import type { InboundOutcome, InboundSmsReceiver } from '../sms/inbound';
import { SMS_SEND_TOPIC, type SmsSendPayload } from '../sms/payload';
import { AUTO_REPLY_INTERVAL_MS, earnsUnlinkedReply, UNLINKED_REPLY } from './model';
import { findLink, findMemberThread } from './queries';
import { keepTextAfterEnd } from './text-after-end';

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
    .values({ firmId, clientPhone, kind: UNLINKED_REPLY, lastSentAt: now })
    .onConflictDoUpdate({
      target: [smsAutoReplies.firmId, smsAutoReplies.clientPhone, smsAutoReplies.kind],
      set: { lastSentAt: now },
      setWhere: sql`${smsAutoReplies.lastSentAt} <= ${cutoff.toISOString()}::timestamptz`,
    })
    .returning({ at: smsAutoReplies.lastSentAt });
  return claimed.length > 0;
}

/**
 * The receiver of texts to the secure-chat pool. The open link of (that number, the client's phone)
 * names the thread: the text is stored there as written by the thread's contact, which notifies the
 * members and pushes `message.created`. Without one, a contact added to an open thread on that number
 * (texted at its first phone on file) answers into that thread, as written by that contact. Keywords
 * (STOP, HELP …) are stored like any text: the consent step before this receiver (sms/consent.ts) has
 * recorded them and queued their answer.
 *
 * Without an open link the text is kept on the pair's last ended thread, if any, and its creator
 * and the view_all holders are notified (text-after-end.ts); the event is audited, and the client
 * gets one polite automatic reply a day saying the conversation has ended, never in answer to STOP
 * or other keywords or to a likely revocation.
 */
export const receiveSecureChatSms: InboundSmsReceiver = async (
  tx,
  deps,
  { firmId, inbound, provider, consent },
  events,
): Promise<InboundOutcome> => {
  const link = await findLink(tx, firmId, inbound.to, inbound.from);
  const conversation = link ? await loadConversation(tx, firmId, link.conversationId, true) : null;
  if (conversation && conversation.status === 'open') {
    const stored = await storeMessage(tx, deps, {
      conversation,
      author: { type: 'contact', id: conversation.contactId },
      body: storedBody(inbound),
      source: 'sms',
    });
    events.push(...stored.events);
    return { result: 'stored', conversationId: conversation.id, messageId: stored.message.id };
  }
  // A contact added to an open thread on this number answers from its phone on file.
  const member =
    conversation?.status === 'open' ? null : await findMemberThread(tx, firmId, inbound.to, inbound.from);
  const memberThread = member ? await loadConversation(tx, firmId, member.conversationId, true) : null;
  if (member && memberThread?.status === 'open') {
    const stored = await storeMessage(tx, deps, {
      conversation: memberThread,
      author: { type: 'contact', id: member.contactId },
      body: storedBody(inbound),
      source: 'sms',
    });
    events.push(...stored.events);
    return { result: 'stored', conversationId: memberThread.id, messageId: stored.message.id };
  }

  const kept = await keepTextAfterEnd(tx, deps, {
    firmId,
    firmPhone: inbound.to,
    clientPhone: inbound.from,
    body: storedBody(inbound),
  });
  if (kept) events.push(...kept.events);
  const now = deps.clock();
  const autoReplied =
    earnsUnlinkedReply(consent.classification) && (await claimAutoReply(tx, firmId, inbound.from, now));
  if (autoReplied) {
    const payload: SmsSendPayload = {
      kind: 'auto_reply',
      firmId,
      reply: UNLINKED_REPLY,
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
      details: { provider, from: maskPhone(inbound.from), autoReplied, keptOn: kept?.conversationId ?? null },
    },
    now,
  );
  return {
    result: 'unlinked',
    autoReplied,
    ...(kept ? { conversationId: kept.conversationId, messageId: kept.messageId } : {}),
  };
};
