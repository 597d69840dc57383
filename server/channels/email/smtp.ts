import type { Transporter } from 'nodemailer';
import { MailSendError, type MailSendFailure, type MailSendResult, type MailTransport } from './port';

/** The SMTP transport (MAIL_TRANSPORT=smtp). */
export interface SmtpTransport extends MailTransport {
  readonly name: 'smtp';
}

export interface SmtpOptions {
  /** smtp://user:pass@host:port or smtps://… (SMTP_URL). */
  url: string;
  /** Bounds on connecting, the greeting and an idle socket, so a hung server cannot hold a relay round. */
  timeoutMs?: number;
}

const CONFIGURATION_CODES = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'EREQUIRETLS']);

// nodemailer's messages quote the server's reply, which may echo the addresses: keep only the codes.
// Anything that is not a refusal or a configuration problem (connection, TLS, timeout) is worth a retry.
function classify(error: unknown): MailSendError {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const reply = typeof responseCode === 'number' ? responseCode : undefined;
  const kind = typeof code === 'string' ? code : 'unknown';
  let failure: MailSendFailure = 'network';
  if (CONFIGURATION_CODES.has(kind)) failure = 'configuration';
  else if (reply !== undefined && reply >= 500) failure = 'rejected';
  else if (reply !== undefined && reply >= 400) failure = 'deferred';
  return new MailSendError(failure, `smtp ${kind}${reply ? ` ${reply}` : ''}`, reply);
}

/** Sends through one SMTP server, a new connection per e-mail (the outbox sends in small batches). */
export function createSmtpTransport(options: SmtpOptions): SmtpTransport {
  const timeout = options.timeoutMs ?? 15_000;
  // nodemailer is loaded at the first e-mail: a server on the dev mailbox never loads it.
  let transporter: Promise<Transporter> | undefined;
  const connect = () => {
    transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: options.url,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout * 2,
        // Never let a message pull local files or URLs into itself.
        disableFileAccess: true,
        disableUrlAccess: true,
      }),
    );
    return transporter;
  };
  return {
    name: 'smtp',
    async send(email): Promise<MailSendResult> {
      try {
        await (await connect()).sendMail({
          from: email.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: email.messageId,
        });
      } catch (error) {
        throw classify(error);
      }
      return { messageId: email.messageId };
    },
    close() {
      void transporter?.then((open) => open.close());
    },
  };
}
