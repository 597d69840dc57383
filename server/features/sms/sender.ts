import { and, eq, inArray, sql } from 'drizzle-orm';
import { type SendResult, SmsSendError } from '../../channels/sms/port';
import type { Deps } from '../../deps';
import { inTransaction, publishEvents } from '../../platform/bus/in-transaction';
import type { Executor } from '../../platform/db/client';
import { messageDeliveries, messages } from '../../platform/db/schema';
import { Problem } from '../../platform/http/problem';
import { type ChannelSender, type OutboxJob, sendFailure } from '../../platform/outbox/relay';
import { decryptBodies } from '../conversations/read-message-bodies';
import { currentConsent, recordConsentChange } from './consent';
import { bypassesOptOut } from './consent-model';
import { deliveryChangedEvent } from './delivery-updates';
import { framedText } from './framing';
import { statusesKeptOver } from './model';
import { type SmsSendPayload, smsSendPayload } from './payload';
import { type DeliveryRow, firmName } from './queries';

type MessageJob = Extract<SmsSendPayload, { kind: 'message' }>;

/** Where an automatic reply goes out: the firm and the number it is sent from (the reply may depend on them). */
export interface SmsReplyContext {
  ex: Executor;
  firmId: string;
  firmPhone: string;
  /** The number texted (a reply may be about that customer, e.g. their secure chat link). */
  to: string;
}

/** The texts of automatic replies by name, each signed with the firm's name; registered by the features that send them. */
export type SmsReplies = Readonly<
  Record<string, (firmName: string, context: SmsReplyContext) => string | null | Promise<string | null>>
>;

/** Where Twilio posts delivery updates: PUBLIC_URL's webhook; none without PUBLIC_URL or for the simulator. */
export function statusCallbackUrl(deps: Pick<Deps, 'config' | 'sms'>): string | undefined {
  const base = deps.config.PUBLIC_URL;
  if (deps.sms.name !== 'twilio' || !base) return undefined;
  return `${base.replace(/\/+$/, '')}/webhooks/sms/twilio`;
}

/** The plaintext of the job's message, or null when it (or its whole conversation) was deleted. */
async function messageBody(deps: Deps, job: MessageJob): Promise<string | null> {
  const [row] = await deps.db
    .select({ id: messages.id, bodySealed: messages.bodySealed })
    .from(messages)
    .where(and(eq(messages.firmId, job.firmId), eq(messages.id, job.messageId)));
  if (!row) return null;
  try {
    const [body] = await decryptBodies(deps.db, deps, { firmId: job.firmId, id: job.conversationId }, [row]);
    return body ?? null;
  } catch (error) {
    // The key goes with the conversation: deleted between the two reads, so nothing is left to send.
    if (error instanceof Problem && error.status === 404) return null;
    throw error;
  }
}

/** The message's SMS delivery of the job, as an update's WHERE. */
function deliveryOf(job: MessageJob) {
  return and(
    eq(messageDeliveries.firmId, job.firmId),
    eq(messageDeliveries.messageId, job.messageId),
    eq(messageDeliveries.channel, 'sms'),
    eq(messageDeliveries.recipient, job.to),
  );
}

/** Tells the thread about the delivery an update changed (after it, being one statement with no transaction). */
async function tellChanged(deps: Deps, updated: DeliveryRow | undefined): Promise<void> {
  const event = updated ? await deliveryChangedEvent(deps, deps.db, updated) : null;
  if (event) publishEvents(deps, [event]);
}

/**
 * Records what the provider answered on the message's SMS delivery, and tells the thread. A delivery
 * callback may have beaten this answer (recorded by provider id once known): a state the answer does
 * not advance is kept, in the same statement, so no lock is held between reading and writing it.
 */
async function recordAccepted(deps: Deps, job: MessageJob, result: SendResult): Promise<void> {
  const kept = statusesKeptOver(result.status);
  const [updated] = await deps.db
    .update(messageDeliveries)
    .set({
      providerId: result.providerId,
      segments: result.segments,
      status: sql`case when ${inArray(messageDeliveries.status, kept)} then ${messageDeliveries.status} else ${result.status} end`,
      updatedAt: deps.clock(),
    })
    .where(deliveryOf(job))
    .returning();
  await tellChanged(deps, updated);
}

/** Marks the message's SMS delivery failed with the provider's error code (or Parley's reason). */
async function recordFailed(deps: Deps, job: MessageJob, errorCode: string): Promise<void> {
  const [updated] = await deps.db
    .update(messageDeliveries)
    .set({ status: 'failed', errorCode, updatedAt: deps.clock() })
    .where(deliveryOf(job))
    .returning();
  await tellChanged(deps, updated);
}

/** Records the opt-out a provider reported for the job's pair (cause provider); nothing when already opted out. */
export async function recordProviderOptOut(
  deps: Deps,
  pair: { firmId: string; to: string; from: string },
): Promise<void> {
  await inTransaction(deps, async (tx, events) => {
    await recordConsentChange(
      tx,
      deps,
      { firmId: pair.firmId, phone: pair.to, firmPhone: pair.from, state: 'opted_out', cause: 'provider' },
      events,
    );
  });
}

/**
 * Sends one `sms.send` job through the configured provider with the job's idempotency key (the
 * message id), so a retry after a crash or a lost answer never texts twice. A refused text
 * (opted out, invalid number …) fails its delivery with the error code and is not retried;
 * a provider outage is retried by the outbox until its last attempt, which fails the delivery.
 */
export async function sendSmsJob(deps: Deps, replies: SmsReplies, job: OutboxJob): Promise<unknown> {
  const parsed = smsSendPayload.safeParse(job.payload);
  if (!parsed.success || parsed.data.firmId !== job.firmId)
    throw sendFailure('invalid sms.send payload', { permanent: true });
  const payload = parsed.data;
  let body: string | null;
  if (payload.kind === 'message') {
    const stored = await messageBody(deps, payload);
    body =
      stored === null
        ? null
        : framedText(stored, { prefix: payload.prefix ?? null, footer: payload.footer ?? null });
  } else {
    const reply = replies[payload.reply];
    if (!reply) throw sendFailure('no text for sms reply', { permanent: true });
    body = await reply(await firmName(deps.db, payload.firmId), {
      ex: deps.db,
      firmId: payload.firmId,
      firmPhone: payload.from,
      to: payload.to,
    });
  }
  // A deleted message, or a reply with nothing left to say (a code already used), is not texted.
  if (body === null) return { skipped: payload.kind === 'message' ? 'message deleted' : 'nothing to text' };
  // The last check before the provider: a text queued before the customer opted out is not sent.
  // Only the consent step's own answers (the STOP confirmation, HELP) reach an opted-out number.
  const exempt = payload.kind === 'auto_reply' && bypassesOptOut(payload.reply);
  if (
    !exempt &&
    (await currentConsent(deps.db, payload.firmId, payload.to, payload.from))?.state === 'opted_out'
  ) {
    if (payload.kind === 'message') await recordFailed(deps, payload, 'opted-out');
    return { skipped: 'opted-out' };
  }
  let result: SendResult;
  try {
    result = await deps.sms.send({
      from: payload.from,
      to: payload.to,
      body,
      idempotencyKey: job.idempotencyKey,
      // Automatic replies have no delivery to update.
      statusCallbackUrl: payload.kind === 'message' ? statusCallbackUrl(deps) : undefined,
    });
  } catch (error) {
    if (!(error instanceof SmsSendError)) throw error;
    const code = error.details.providerCode;
    // Twilio 21610: the customer opted out at the carrier or at Twilio; the ledger records it too.
    if (error.failure === 'opted-out') await recordProviderOptOut(deps, payload);
    const lastAttempt = !error.retryable || job.attempt >= deps.config.OUTBOX_MAX_ATTEMPTS;
    if (lastAttempt && payload.kind === 'message') await recordFailed(deps, payload, code ?? error.failure);
    throw sendFailure(code ? `${error.failure} ${code}` : error.failure, { permanent: !error.retryable });
  }
  if (payload.kind === 'message') await recordAccepted(deps, payload, result);
  return { providerId: result.providerId, status: result.status, segments: result.segments };
}

/** The outbox channel of `sms.send`, with the automatic replies it may send. */
export function smsSender(deps: Deps, replies: SmsReplies): ChannelSender {
  return (job) => sendSmsJob(deps, replies, job);
}
