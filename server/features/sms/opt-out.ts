import { and, eq } from 'drizzle-orm';
import type { ConsentLedger } from '../../../contracts/sms-consent';
import type { Deps } from '../../deps';
import { inTransaction } from '../../platform/bus/in-transaction';
import { messages } from '../../platform/db/schema';
import { ensureCan, type StaffActor } from '../../platform/http/actor';
import { invalidField, unprocessable } from '../../platform/http/problem';
import { normalizeE164 } from '../../platform/phone';
import { loadConversationFor } from '../conversations/access';
import type { ConversationRow } from '../conversations/queries';
import { recordConsentChange } from './consent';
import { consentLedgerAnswer } from './consent-status';
import { ownerOfNumber } from './queries';

// Staff opt a customer out by hand (they heard it on the phone, or confirm a flagged text). They
// never opt one back in: only the customer's own START is evidence of renewed consent (a firm that
// could flip the switch back could text anyone who asked it to stop).

/** The (customer number, firm number) pair of a conversation bridged to SMS; 422 not-texted otherwise. */
function pairOf(row: ConversationRow): { phone: string; firmPhone: string } {
  if (!row.contactPhone || !row.firmPhone)
    throw unprocessable(
      'not-texted',
      'This conversation is not bridged to texting: it has no consent ledger.',
    );
  return { phone: row.contactPhone, firmPhone: row.firmPhone };
}

/** The consent ledger of the conversation's pair, oldest first, for anyone who may view it (404 otherwise). */
export async function consentOfConversation(
  deps: Pick<Deps, 'db' | 'conversations'>,
  input: { actor: StaffActor; conversationId: string },
): Promise<ConsentLedger> {
  const { row } = await loadConversationFor(
    deps.conversations.rules,
    deps.db,
    input.actor,
    input.conversationId,
    'view',
  );
  const pair = pairOf(row);
  return consentLedgerAnswer(deps.db, row.firmId, pair.phone, pair.firmPhone);
}

/**
 * Opts the conversation's customer number out of texts from its firm number, by hand: cause staff,
 * or revocation when confirming the customer's flagged message (messageId, which must be a
 * customer message of this conversation: 400 naming body.messageId otherwise). Anyone who may view
 * the conversation may do it: opting out only ever stops texts, and the FCC rule asks that a
 * revocation made "in any reasonable manner" be honoured. Audited; already opted out changes nothing.
 */
export async function optOutConversation(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; messageId?: string },
): Promise<ConsentLedger> {
  const { actor } = input;
  return inTransaction(deps, async (tx, events) => {
    const { row } = await loadConversationFor(
      deps.conversations.rules,
      tx,
      actor,
      input.conversationId,
      'view',
    );
    const pair = pairOf(row);
    if (input.messageId) {
      const [message] = await tx
        .select({ authorType: messages.authorType, conversationId: messages.conversationId })
        .from(messages)
        .where(and(eq(messages.firmId, actor.firmId), eq(messages.id, input.messageId)));
      if (message?.conversationId !== row.id || message.authorType !== 'contact')
        throw invalidField('body.messageId', "is not a message of this conversation's customer");
    }
    await recordConsentChange(
      tx,
      deps,
      {
        firmId: actor.firmId,
        ...pair,
        state: 'opted_out',
        cause: input.messageId ? 'revocation' : 'staff',
        messageId: input.messageId ?? null,
        byUserId: actor.userId,
        ip: input.ip ?? null,
      },
      events,
    );
    return consentLedgerAnswer(tx, actor.firmId, pair.phone, pair.firmPhone);
  });
}

/**
 * Opts a customer number out of texts from one of the firm's numbers, with no conversation to hand
 * (settings.manage): cause staff, audited. 400 naming the field for a number that does not parse
 * or a firm number that is not the firm's.
 */
export async function optOutNumber(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; phone: string; firmPhone: string },
): Promise<ConsentLedger> {
  const { actor } = input;
  ensureCan(actor, 'settings.manage');
  const phone = normalizeE164(input.phone);
  if (!phone) throw invalidField('body.phone', 'is not a valid phone number');
  const firmPhone = normalizeE164(input.firmPhone);
  const owner = firmPhone ? await ownerOfNumber(deps.db, firmPhone) : null;
  if (!firmPhone || owner?.firmId !== actor.firmId)
    throw invalidField('body.firmPhone', 'is not one of your firm’s numbers');
  return inTransaction(deps, async (tx, events) => {
    await recordConsentChange(
      tx,
      deps,
      {
        firmId: actor.firmId,
        phone,
        firmPhone,
        state: 'opted_out',
        cause: 'staff',
        byUserId: actor.userId,
        ip: input.ip ?? null,
      },
      events,
    );
    return consentLedgerAnswer(tx, actor.firmId, phone, firmPhone);
  });
}
