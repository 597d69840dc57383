import { and, eq, isNull } from 'drizzle-orm';
import type { InboundSms } from '../../channels/sms/port';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { conversations, mcCampaigns } from '../../platform/db/schema';
import { maskPhone, normalizeE164 } from '../../platform/phone';
import { conversationAudience } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import { createConversationRecord } from '../conversations/create-conversation-record';
import { type ConversationRow, loadConversation } from '../conversations/queries';
import { storeMessage } from '../conversations/store-message';
import type { InboundOutcome, InboundSmsReceiver } from '../sms/inbound';
import { scheduleAlert } from './alerts';
import { closeRow } from './close';

/** The body stored for a text; a picture-only MMS says so, since attachments are not kept yet. */
function storedBody(inbound: InboundSms): string {
  if (inbound.body !== '' || inbound.media.length === 0) return inbound.body;
  return `[Picture message with ${inbound.media.length} attachment(s); attachments are not shown yet]`;
}

/** The open sms conversation of the pair, locked, or null. */
async function openConversation(tx: Tx, firmId: string, customer: string, firmPhone: string) {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.firmId, firmId),
        eq(conversations.kind, 'sms'),
        eq(conversations.status, 'open'),
        eq(conversations.contactPhone, customer),
        eq(conversations.firmPhone, firmPhone),
      ),
    )
    .for('update');
  return row ?? null;
}

/** True for PostgreSQL's unique_violation, however the driver wraps it. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: string }).code === '23505') return true;
  return false;
}

/**
 * The open conversation of (customer, campaign number), opened now when there is none. Two first
 * texts at once both try to open one: the partial unique index conversations_sms_open_pair lets one
 * insert win, the other's savepoint rolls back and it continues in the winner's conversation.
 */
async function conversationFor(
  tx: Tx,
  deps: Deps,
  input: { firmId: string; customer: string; campaign: typeof mcCampaigns.$inferSelect },
  events: PublishedEvent[],
): Promise<ConversationRow> {
  const { firmId, customer, campaign } = input;
  const open = await openConversation(tx, firmId, customer, campaign.phone);
  if (open) return open;
  try {
    const row = await tx.transaction(async (sp) => {
      const now = deps.clock();
      return createConversationRecord(sp, deps, {
        firmId,
        kind: 'sms',
        createdBy: null,
        contactPhone: customer,
        firmPhone: campaign.phone,
        teamId: campaign.teamId,
        campaignId: campaign.id,
        unclaimedSince: now,
        members: [],
      });
    });
    events.push(
      busEvent(
        'conversation.created',
        firmId,
        await conversationAudience(deps.conversations.rules, tx, firmId, row),
        { id: row.id, kind: 'sms', status: 'open', matterId: null, contactId: null },
      ),
    );
    return row;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await openConversation(tx, firmId, customer, campaign.phone);
    if (!winner) throw error;
    return winner;
  }
}

/**
 * The receiver of texts to Message Center campaign numbers. A text from a customer without an open
 * conversation on that campaign number opens one (routed to the campaign's team, unclaimed, the
 * customer waiting); later texts append while it is open; after it is closed the next text opens a
 * new one. The team's agents hear conversation.created and message.created.
 *
 * Consent keywords: an opt-out keyword (STOP …) is kept in the open conversation (or a new one, so
 * the agents see why) and closes it; an opt-in keyword (START …) is kept like any text, which opens
 * a new conversation when none is open. The consent ledger, the confirmation texts and HELP answers
 * belong to the consent step (features/sms/consent.ts).
 */
export const receiveCampaignText: InboundSmsReceiver = async (
  tx,
  deps,
  { firmId, inbound, consent },
  events,
): Promise<InboundOutcome> => {
  const [campaign] = await tx
    .select()
    .from(mcCampaigns)
    .where(
      and(eq(mcCampaigns.firmId, firmId), eq(mcCampaigns.phone, inbound.to), isNull(mcCampaigns.deletedAt)),
    );
  if (!campaign) {
    deps.log.warn(
      { firmId, to: maskPhone(inbound.to) },
      'inbound text to a campaign number without a campaign',
    );
    return { result: 'unknown-number' };
  }
  const customer = normalizeE164(inbound.from) ?? inbound.from;
  const conversation = await conversationFor(tx, deps, { firmId, customer, campaign }, events);
  const stored = await storeMessage(tx, deps, {
    conversation,
    author: { type: 'contact', id: null },
    body: storedBody(inbound),
    source: 'sms',
  });
  events.push(...stored.events);
  const current =
    stored.conversation ?? ((await loadConversation(tx, firmId, conversation.id)) as ConversationRow);
  if (consent.classification.kind === 'opt-out') {
    const { row: closed, events: left } = await closeRow(tx, deps, current, null);
    events.push(...left);
    events.push(
      busEvent(
        'conversation.updated',
        firmId,
        await conversationAudience(deps.conversations.rules, tx, firmId, closed),
        conversationUpdated(closed, 'status'),
      ),
    );
  } else if (
    // A new conversation starts its unclaimed clock; a claimed one whose customer starts waiting, its wait clock.
    conversation.lastMessageAt === null ||
    (current.assigneeId !== null && conversation.waitingSince === null && current.waitingSince !== null)
  ) {
    await scheduleAlert(tx, deps, current);
  }
  return { result: 'stored', conversationId: conversation.id, messageId: stored.message.id };
};
