import { z } from 'zod';
import { messageIdFor } from '../../channels/email/model';
import { MailSendError } from '../../channels/email/port';
import type { Deps } from '../../deps';
import type { Executor } from '../../platform/db/client';
import { appendOutbox } from '../../platform/outbox/append';
import { type ChannelSender, type OutboxJob, sendFailure } from '../../platform/outbox/relay';

/** The outbox topic of outbound e-mail. */
export const EMAIL_SEND_TOPIC = 'email.send';

/**
 * What every `email.send` payload carries: which composer builds the e-mail and the firm. Each kind
 * adds the references its composer needs (ids, sealed secrets), never the content or the address.
 */
export const emailJobPayload = z.looseObject({
  /** Names the composer, e.g. 'portal_invitation'. */
  kind: z.string().min(1),
  firmId: z.uuid(),
});

/** The content of one e-mail, built at send time. */
export interface ComposedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Builds the e-mail of one kind of job from its payload at send time; `{ skipped }` when there is
 * nothing to send any more (the invitation was revoked, the message deleted …).
 */
export type EmailComposer = (deps: Deps, job: OutboxJob) => Promise<ComposedEmail | { skipped: string }>;

/** Composers by payload kind. */
export type EmailComposers = Readonly<Record<string, EmailComposer>>;

/** Appends an `email.send` job in the caller's transaction: the e-mail leaves only if it commits. */
export function appendEmail(
  tx: Executor,
  job: { firmId: string; kind: string; idempotencyKey?: string; refs: Record<string, unknown> },
): Promise<{ id: string }> {
  return appendOutbox(tx, {
    firmId: job.firmId,
    topic: EMAIL_SEND_TOPIC,
    payload: { ...job.refs, kind: job.kind, firmId: job.firmId },
    idempotencyKey: job.idempotencyKey,
  });
}

/**
 * Sends one `email.send` job: its kind's composer builds the e-mail, which goes out from MAIL_FROM with
 * a Message-ID derived from the job's idempotency key (the same on every attempt). A refusal (5xx) is
 * final; a deferral (4xx), an unreachable server or a configuration problem is retried by the outbox.
 */
export async function sendEmailJob(deps: Deps, composers: EmailComposers, job: OutboxJob): Promise<unknown> {
  const parsed = emailJobPayload.safeParse(job.payload);
  if (!parsed.success || parsed.data.firmId !== job.firmId)
    throw sendFailure('invalid email.send payload', { permanent: true });
  const compose = composers[parsed.data.kind];
  if (!compose) throw sendFailure('no composer for email kind', { permanent: true });
  const composed = await compose(deps, job);
  if ('skipped' in composed) return { skipped: composed.skipped };
  const from = deps.config.MAIL_FROM;
  try {
    const sent = await deps.mail.send({
      ...composed,
      from,
      messageId: messageIdFor(job.idempotencyKey, from),
      idempotencyKey: job.idempotencyKey,
      firmId: job.firmId,
    });
    return { messageId: sent.messageId };
  } catch (error) {
    if (!(error instanceof MailSendError)) throw error;
    throw sendFailure(error.message, { permanent: !error.retryable });
  }
}

/** The outbox channel of `email.send`. */
export function emailSender(deps: Deps, composers: EmailComposers): ChannelSender {
  return (job) => sendEmailJob(deps, composers, job);
}
