// The outbound e-mail port: what Parley needs from any mail transport, in Parley's words. Adapters
// (dev mailbox, smtp) translate to their library's shapes and nothing else leaks out.

/** Names of the configured transports (config MAIL_TRANSPORT). */
export type MailTransportName = 'dev' | 'smtp';

/** One e-mail to send: one recipient, a plain-text and an HTML version of the same content. */
export interface OutboundEmail {
  /** Sender, as configured (MAIL_FROM), e.g. "Parley <no-reply@example.com>". */
  from: string;
  /** Recipient address. */
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Message-ID header with its angle brackets; the same on every attempt, so a resend is recognisable. */
  messageId: string;
  /** Stable per logical send (the outbox job's key): a transport that can dedupe does it with this. */
  idempotencyKey: string;
  /** The firm the e-mail is sent for: the dev mailbox shows each firm only its own mail. */
  firmId: string;
}

/** What a transport answered when it took an e-mail. */
export interface MailSendResult {
  /** The Message-ID the e-mail went out with. */
  messageId: string;
}

/** Why a send failed, in terms the outbox relay acts on. */
export type MailSendFailure =
  /** The server refused this e-mail for good (5xx): never retry. */
  | 'rejected'
  /** The server answered "try later" (4xx). */
  | 'deferred'
  /** The server could not be reached, or the connection broke or timed out. */
  | 'network'
  /** The server refused the credentials or the configuration is wrong. */
  | 'configuration';

const retryableFailures: ReadonlySet<MailSendFailure> = new Set(['deferred', 'network', 'configuration']);

/** A send that did not go through; `retryable` tells the outbox relay to try again or dead-letter. */
export class MailSendError extends Error {
  /** True when the same send may succeed later. */
  readonly retryable: boolean;

  constructor(
    readonly failure: MailSendFailure,
    message: string,
    /** The SMTP reply code, when the server answered one. */
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailSendError';
    this.retryable = retryableFailures.has(failure);
  }
}

/** Sends e-mails through one transport. */
export interface MailTransport {
  readonly name: MailTransportName;
  /** Hands one e-mail to the transport; throws MailSendError when it was not accepted. */
  send(email: OutboundEmail): Promise<MailSendResult>;
  /** Releases connections. */
  close(): void;
}
