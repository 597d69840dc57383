import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { ConsentEntry } from '../../../contracts/message-center';
import { classifyInbound } from '../../channels/sms/keywords';
import type { InboundSms, SmsProviderName } from '../../channels/sms/port';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Executor, Tx } from '../../platform/db/client';
import { preparedOnce } from '../../platform/db/prepared-once';
import { conversations, mcCampaigns, smsConsentLedger, smsConsentStates } from '../../platform/db/schema';
import { Problem } from '../../platform/http/problem';
import { appendOutbox } from '../../platform/outbox/append';
import { maskPhone } from '../../platform/phone';
import { conversationAudience } from '../conversations/access';
import { conversationUpdated } from '../conversations/conversation-updated';
import type { ConversationRow } from '../conversations/queries';
import { loadSettings } from '../settings/load-settings';
import {
  CONSENT_REPLIES,
  type ConsentCause,
  type ConsentFlags,
  type ConsentState,
  consentFlags,
  decideConsent,
  fillHelpText,
  optedOutDetail,
  optInConfirmation,
  optOutConfirmation,
  pairKey,
} from './consent-model';
import type { Consent } from './inbound';
import { SMS_SEND_TOPIC, type SmsSendPayload } from './payload';
import { firmName } from './queries';
import type { SmsReplies } from './sender';

// The home of the opt-out ledger, for every firm number (secure-chat pool and campaign numbers
// alike). The ledger (sms_consent_ledger) keeps every change; sms_consent_states holds the current
// state of each pair and a pending revocation flag, written in the same transaction, so the checks
// before a send are one primary-key read.

export type ConsentStateRow = typeof smsConsentStates.$inferSelect;
export type ConsentLedgerRow = typeof smsConsentLedger.$inferSelect;

// Read before every text, inbound and outbound: built once (issue 11).
const consentStatement = preparedOnce((ex) =>
  ex
    .select()
    .from(smsConsentStates)
    .where(
      and(
        eq(smsConsentStates.firmId, sql.placeholder('firmId')),
        eq(smsConsentStates.phone, sql.placeholder('phone')),
        eq(smsConsentStates.firmPhone, sql.placeholder('firmPhone')),
      ),
    )
    .prepare('parley_consent_state'),
);

/** The current consent row of a pair, or null when it never changed (opted in). */
export async function currentConsent(
  ex: Executor,
  firmId: string,
  phone: string,
  firmPhone: string,
): Promise<ConsentStateRow | null> {
  const [row] = await consentStatement(ex).execute({ firmId, phone, firmPhone });
  return row ?? null;
}

/** The ledger entry that set the state (its cause and keyword say "replied STOP on …"). */
export async function entryOf(
  ex: Executor,
  firmId: string,
  entryId: string | null,
): Promise<ConsentLedgerRow | null> {
  if (!entryId) return null;
  const [row] = await ex
    .select()
    .from(smsConsentLedger)
    .where(and(eq(smsConsentLedger.firmId, firmId), eq(smsConsentLedger.id, entryId)));
  return row ?? null;
}

/**
 * Refuses (422 `opted-out`) a text to `phone` from `firmPhone` when the customer opted out; every
 * staff send that would text a customer calls it before anything is stored (secure-chat messages,
 * Message Center replies and invites). One primary-key read when texting is allowed.
 */
export async function ensureTextable(
  ex: Executor,
  firmId: string,
  phone: string,
  firmPhone: string,
): Promise<void> {
  const row = await currentConsent(ex, firmId, phone, firmPhone);
  if (row?.state !== 'opted_out') return;
  const entry = await entryOf(ex, firmId, row.entryId);
  const { timeZone } = await loadSettings(ex, firmId);
  throw new Problem(
    422,
    'opted-out',
    'Not allowed by a business rule',
    optedOutDetail(phone, row.changedAt, entry?.cause === 'keyword' ? entry.keyword : null, timeZone),
  );
}

/**
 * The consent flags of many pairs in one query, keyed by pairKey(phone, firmPhone); a pair without
 * a row is opted in and unflagged (and has an entry in the map all the same).
 */
export async function consentFlagsOf(
  ex: Executor,
  firmId: string,
  pairs: { phone: string; firmPhone: string }[],
): Promise<Map<string, ConsentFlags>> {
  const out = new Map<string, ConsentFlags>();
  for (const p of pairs) out.set(pairKey(p.phone, p.firmPhone), consentFlags(null));
  if (pairs.length === 0) return out;
  const rows = await ex
    .select({
      phone: smsConsentStates.phone,
      firmPhone: smsConsentStates.firmPhone,
      state: smsConsentStates.state,
      revocationMessageId: smsConsentStates.revocationMessageId,
      revocationFlaggedAt: smsConsentStates.revocationFlaggedAt,
    })
    .from(smsConsentStates)
    .where(
      and(
        eq(smsConsentStates.firmId, firmId),
        inArray(smsConsentStates.phone, [...new Set(pairs.map((p) => p.phone))]),
        or(
          ...pairs.map((p) =>
            and(eq(smsConsentStates.phone, p.phone), eq(smsConsentStates.firmPhone, p.firmPhone)),
          ),
        ),
      ),
    );
  for (const r of rows) out.set(pairKey(r.phone, r.firmPhone), consentFlags(r));
  return out;
}

/** The ledger of a pair, oldest first, as the API answers it. */
export async function consentLedgerOf(
  ex: Executor,
  firmId: string,
  phone: string,
  firmPhone: string,
): Promise<ConsentEntry[]> {
  const rows = await ex
    .select()
    .from(smsConsentLedger)
    .where(
      and(
        eq(smsConsentLedger.firmId, firmId),
        eq(smsConsentLedger.phone, phone),
        eq(smsConsentLedger.firmPhone, firmPhone),
      ),
    )
    .orderBy(asc(smsConsentLedger.at), asc(smsConsentLedger.id));
  return rows.map(presentConsentEntry);
}

/** One ledger entry as the contract describes it. */
export function presentConsentEntry(row: ConsentLedgerRow): ConsentEntry {
  return {
    id: row.id,
    phone: row.phone,
    firmPhone: row.firmPhone,
    state: row.state as ConsentEntry['state'],
    cause: row.cause as ConsentEntry['cause'],
    keyword: row.keyword,
    messageId: row.messageId,
    byUserId: row.byUserId,
    at: row.at.toISOString(),
  };
}

/**
 * `conversation.updated` (reason consent) for every conversation of the pair, to each one's
 * audience, so an open page disables or enables its composer without a reload.
 */
export async function consentChangedEvents(
  tx: Executor,
  deps: Pick<Deps, 'conversations'>,
  firmId: string,
  phone: string,
  firmPhone: string,
): Promise<PublishedEvent[]> {
  const rows: ConversationRow[] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.firmId, firmId),
        eq(conversations.contactPhone, phone),
        eq(conversations.firmPhone, firmPhone),
      ),
    );
  const events: PublishedEvent[] = [];
  for (const row of rows)
    events.push(
      busEvent(
        'conversation.updated',
        firmId,
        await conversationAudience(deps.conversations.rules, tx, firmId, row),
        conversationUpdated(row, 'consent'),
      ),
    );
  return events;
}

/** One change to record. */
export interface ConsentChange {
  firmId: string;
  phone: string;
  firmPhone: string;
  state: ConsentState;
  cause: ConsentCause;
  keyword?: string | null;
  messageId?: string | null;
  byUserId?: string | null;
  /** The audit entry's origin for a change by hand. */
  ip?: string | null;
}

/**
 * Records a change of the pair's state in the ledger and the current state, and pushes
 * `conversation.updated` (consent) for the pair's conversations; audited. A change to the state the
 * pair is already in records nothing and answers null: the conditional upsert decides, so two
 * simultaneous STOPs record one entry. An opt-out settles a pending revocation flag.
 */
export async function recordConsentChange(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'conversations'>,
  change: ConsentChange,
  events: PublishedEvent[],
): Promise<ConsentLedgerRow | null> {
  const id = uuidv7();
  const now = deps.clock();
  const settle = change.state === 'opted_out' ? { revocationMessageId: null, revocationFlaggedAt: null } : {};
  const [moved] = await tx
    .insert(smsConsentStates)
    .values({
      firmId: change.firmId,
      phone: change.phone,
      firmPhone: change.firmPhone,
      state: change.state,
      entryId: id,
      changedAt: now,
    })
    .onConflictDoUpdate({
      target: [smsConsentStates.firmId, smsConsentStates.phone, smsConsentStates.firmPhone],
      set: { state: change.state, entryId: id, changedAt: now, ...settle },
      setWhere: sql`${smsConsentStates.state} <> ${change.state}`,
    })
    .returning({ phone: smsConsentStates.phone });
  if (!moved) return null;
  const [entry] = await tx
    .insert(smsConsentLedger)
    .values({
      firmId: change.firmId,
      id,
      phone: change.phone,
      firmPhone: change.firmPhone,
      state: change.state,
      cause: change.cause,
      keyword: change.keyword ?? null,
      messageId: change.messageId ?? null,
      byUserId: change.byUserId ?? null,
      at: now,
    })
    .returning();
  await recordAudit(
    tx,
    {
      firmId: change.firmId,
      actorType: change.byUserId ? 'user' : 'system',
      actorId: change.byUserId ?? null,
      ip: change.ip ?? null,
      action: change.state === 'opted_out' ? 'sms.opted_out' : 'sms.opted_in',
      targetType: 'firm_number',
      targetId: change.firmPhone,
      details: {
        phone: maskPhone(change.phone),
        cause: change.cause,
        keyword: change.keyword ?? null,
        entryId: id,
        messageId: change.messageId ?? null,
      },
    },
    now,
  );
  events.push(...(await consentChangedEvents(tx, deps, change.firmId, change.phone, change.firmPhone)));
  return entry as ConsentLedgerRow;
}

/** Flags a customer text that reads like a revocation (while the pair is opted in); staff decide. */
async function flagRevocation(
  tx: Tx,
  input: { firmId: string; phone: string; firmPhone: string; at: Date },
): Promise<void> {
  await tx
    .insert(smsConsentStates)
    .values({ ...input, state: 'opted_in', revocationFlaggedAt: input.at })
    .onConflictDoUpdate({
      target: [smsConsentStates.firmId, smsConsentStates.phone, smsConsentStates.firmPhone],
      set: { revocationFlaggedAt: input.at, revocationMessageId: null },
      setWhere: sql`${smsConsentStates.state} = 'opted_in'`,
    });
}

/** What the consent step did, for receive-inbound to complete once the receiver stored the text. */
export interface ConsentStep {
  consent: Consent;
  /** The ledger entry the text made (its message id is filled in after the receiver stored it). */
  entryId: string | null;
  /** The text was flagged as a likely revocation. */
  flagged: boolean;
}

/**
 * The consent step of every inbound text, between dedupe and the receiver, in the receiving
 * transaction: classifies the text (keywords.ts), records an opt-out or opt-in keyword in the
 * ledger, queues the one confirmation or the help text (keyed by the provider's message id, so even
 * a webhook retry that got past dedupe texts once), and flags a text that reads like a revocation.
 * The text still goes on to its receiver, which stores it (and a Message Center conversation closes
 * on an opt-out): receivers read `consent`.
 */
export async function applyInboundConsent(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'conversations'>,
  input: { firmId: string; inbound: InboundSms; provider: SmsProviderName },
  events: PublishedEvent[],
): Promise<ConsentStep> {
  const { firmId, inbound, provider } = input;
  const classification = classifyInbound(inbound.body);
  const pair = { firmId, phone: inbound.from, firmPhone: inbound.to };
  // Only keywords and flagged texts need the state; a plain text reads nothing.
  const relevant =
    classification.kind !== 'text' || (classification.kind === 'text' && classification.likelyRevocation);
  const current = relevant ? await currentConsent(tx, firmId, inbound.from, inbound.to) : null;
  const before: ConsentState = current?.state === 'opted_out' ? 'opted_out' : 'opted_in';
  const decision = decideConsent(before, classification);
  let entryId: string | null = null;
  if (decision.change) {
    const entry = await recordConsentChange(
      tx,
      deps,
      { ...pair, state: decision.change.state, cause: 'keyword', keyword: decision.change.keyword },
      events,
    );
    entryId = entry?.id ?? null;
  }
  // A change lost to a simultaneous one (entry null) sends no second confirmation.
  const reply = decision.change && !entryId ? null : decision.reply;
  if (reply) {
    const payload: SmsSendPayload = {
      kind: 'auto_reply',
      firmId,
      reply,
      from: inbound.to,
      to: inbound.from,
    };
    await appendOutbox(tx, {
      firmId,
      topic: SMS_SEND_TOPIC,
      payload,
      idempotencyKey: `consent:${provider}:${inbound.providerId}`,
    });
  }
  if (decision.flag) await flagRevocation(tx, { ...pair, at: deps.clock() });
  const state = entryId && decision.change ? decision.change.state : before;
  return {
    consent: {
      classification,
      optedOut: state === 'opted_out',
      changed: entryId && decision.change ? decision.change.state : null,
      revocationFlagged: decision.flag,
    },
    entryId,
    flagged: decision.flag,
  };
}

/** Names the stored inbound message on the ledger entry or the flag the consent step made for it. */
export async function attachConsentMessage(
  tx: Tx,
  input: { firmId: string; phone: string; firmPhone: string; step: ConsentStep; messageId: string },
): Promise<void> {
  const { firmId, step, messageId } = input;
  if (step.entryId)
    await tx
      .update(smsConsentLedger)
      .set({ messageId })
      .where(and(eq(smsConsentLedger.firmId, firmId), eq(smsConsentLedger.id, step.entryId)));
  if (step.flagged)
    await tx
      .update(smsConsentStates)
      .set({ revocationMessageId: messageId })
      .where(
        and(
          eq(smsConsentStates.firmId, firmId),
          eq(smsConsentStates.phone, input.phone),
          eq(smsConsentStates.firmPhone, input.firmPhone),
          eq(smsConsentStates.state, 'opted_in'),
        ),
      );
}

/**
 * The answer to HELP or INFO texted to `firmPhone`: the help text of the Message Center campaign on
 * that number when it has one, otherwise the firm's smsHelpText setting, with {firm} and {phone}
 * filled in. The one place the help text comes from.
 */
export async function helpTextFor(
  ex: Executor,
  _deps: Pick<Deps, 'clock'> | null,
  firmId: string,
  firmPhone: string,
): Promise<string> {
  const [campaign] = await ex
    .select({ helpText: mcCampaigns.helpText })
    .from(mcCampaigns)
    .where(
      and(eq(mcCampaigns.firmId, firmId), eq(mcCampaigns.phone, firmPhone), isNull(mcCampaigns.deletedAt)),
    );
  const template = campaign?.helpText.trim()
    ? campaign.helpText
    : (await loadSettings(ex, firmId)).smsHelpText;
  return fillHelpText(template, await firmName(ex, firmId), firmPhone);
}

/** The consent step's automatic replies (STOP and START confirmations, HELP), for the SMS sender. */
export function consentReplies(deps: Pick<Deps, 'clock'>): SmsReplies {
  return {
    [CONSENT_REPLIES.optOut]: (name) => optOutConfirmation(name),
    [CONSENT_REPLIES.optIn]: (name) => optInConfirmation(name),
    [CONSENT_REPLIES.help]: (_name, context) =>
      helpTextFor(context.ex, deps, context.firmId, context.firmPhone),
  };
}
