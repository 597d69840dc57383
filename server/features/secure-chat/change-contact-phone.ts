import { and, eq } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ConversationDetailOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { nameOf } from '../../platform/db/names';
import { conversations, secureChatLinks } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict, invalidField, unprocessable } from '../../platform/http/problem';
import { maskPhone } from '../../platform/phone';
import { conversationAudience, loadConversationFor, requireAbility } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { conversationDetail } from '../conversations/conversation-views';
import type { ConversationRow } from '../conversations/queries';
import { storeMessage } from '../conversations/store-message';
import { pickContactPhone } from './model';
import { linksWithClient, phonesOfContact, secureChatPool } from './queries';

/** What the thread shows of a number change: who changed it, from and to which phone. */
export function numberChangeText(by: string, from: string | null, to: string): string {
  const show = (e164: string | null) =>
    e164 ? (parsePhoneNumberFromString(e164)?.formatInternational() ?? e164) : 'no number';
  return `${by} changed the client number from ${show(from)} to ${show(to)}.`;
}

/**
 * The firm number the thread keeps with the new phone: its own when no open thread with that phone
 * holds it (so the client keeps texting the same number), else the first free one of the pool.
 * The link's primary key (firm, firm number, client phone) decides against simultaneous starts.
 */
async function relink(tx: Tx, row: ConversationRow, phone: string, userId: string, now: Date) {
  const taken = new Set((await linksWithClient(tx, row.firmId, phone)).map((l) => l.firmPhone));
  const pool = await secureChatPool(tx, row.firmId);
  const candidates = [row.firmPhone, ...pool].filter((n): n is string => n !== null && !taken.has(n));
  for (const firmPhone of new Set(candidates)) {
    const [won] = await tx
      .insert(secureChatLinks)
      .values({
        firmId: row.firmId,
        firmPhone,
        clientPhone: phone,
        conversationId: row.id,
        userId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ firmPhone: secureChatLinks.firmPhone });
    if (won) return won.firmPhone;
  }
  return null;
}

/**
 * The creator moves an open thread to another of the contact's phones (the web only: the seed's
 * mobile app cannot). Same link rules as a new thread: the new (firm number, phone) pair must be
 * free, so the thread keeps its number or takes a free one; the limit per user and client is
 * unchanged (same client). Audited, and shown in the thread as a system entry.
 */
export async function changeContactPhone(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; contactPhone: string },
): Promise<ConversationDetailOut> {
  const { actor } = input;
  const firmId = actor.firmId;
  return inTransaction(deps, async (tx, events) => {
    const found = await loadConversationFor(
      deps.conversations.rules,
      tx,
      actor,
      input.conversationId,
      'view',
      { lock: true },
    );
    const { row } = found;
    if (row.kind !== 'secure_chat')
      throw unprocessable('not-secure-chat', 'Only secure chat threads have a client number.');
    requireAbility(found, 'manageMembers', 'Only the creator of this thread can change the client number.');
    if (row.status !== 'open')
      throw conflict('conversation-ended', 'This thread has ended; start a new one to text another number.');
    const phone = pickContactPhone(
      row.contactId ? await phonesOfContact(tx, firmId, row.contactId) : [],
      input.contactPhone,
    );
    if (!phone) throw invalidField('body.contactPhone', "is not one of the contact's phone numbers");
    if (phone === row.contactPhone) return conversationDetail(tx, deps, actor, row);

    const now = deps.clock();
    const [link] = await tx
      .delete(secureChatLinks)
      .where(and(eq(secureChatLinks.firmId, firmId), eq(secureChatLinks.conversationId, row.id)))
      .returning({ userId: secureChatLinks.userId });
    const firmPhone = await relink(tx, row, phone, link?.userId ?? actor.userId, now);
    if (!firmPhone)
      throw unprocessable(
        'no-free-number',
        'Every secure-chat number is already linked to that phone; end a thread with it first.',
      );
    const [updated] = await tx
      .update(conversations)
      .set({ contactPhone: phone, firmPhone, updatedAt: now })
      .where(and(eq(conversations.firmId, firmId), eq(conversations.id, row.id)))
      .returning();
    const current = updated as ConversationRow;
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'secure_chat.number_changed',
        targetType: 'conversation',
        targetId: row.id,
        details: {
          from: row.contactPhone ? maskPhone(row.contactPhone) : null,
          to: maskPhone(phone),
          firmPhone,
        },
      },
      now,
    );
    const myName = await nameOf(tx, firmId, { type: 'user', id: actor.userId });
    const entry = await storeMessage(tx, deps, {
      conversation: current,
      author: { type: 'system', id: null },
      body: numberChangeText(myName ?? 'A colleague', row.contactPhone, phone),
      kind: 'system',
      source: 'web',
    });
    events.push(
      ...entry.events,
      busEvent(
        'conversation.updated',
        firmId,
        await conversationAudience(deps.conversations.rules, tx, firmId, current),
        conversationUpdated({ ...current, contactPhone: phone, firmPhone }, 'phone'),
      ),
    );
    return conversationDetail(tx, deps, actor, current);
  });
}
