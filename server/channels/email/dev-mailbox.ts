import { v7 as uuidv7 } from 'uuid';
import { normaliseAddress } from './model';
import type { MailSendError, MailSendResult, MailTransport, OutboundEmail } from './port';

/** An e-mail as it reached the dev mailbox (GET /dev/mail). */
export interface DevMail {
  id: string;
  /** The firm it was sent for; only that firm's staff see it. */
  firmId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** When it was sent. */
  at: Date;
}

/** The embedded default transport: e-mails land in an in-memory mailbox of this process. */
export interface DevMailbox extends MailTransport {
  readonly name: 'dev';
  /** The firm's mails still held, oldest first; only those to `to` (any letter case) when given. */
  list(firmId: string, to?: string): DevMail[];
  /** Makes the next send throw this error instead of sending (to exercise the outbox's retries). */
  failNext(error: MailSendError): void;
}

export interface DevMailboxOptions {
  /** The current time (Deps.clock). */
  clock?: () => Date;
  /** Mails kept; the oldest are forgotten beyond it (and so is their idempotency key). */
  capacity?: number;
}

/** Creates a dev mailbox; every process has its own. A second send with the same idempotency key is dropped. */
export function createDevMailbox(options: DevMailboxOptions = {}): DevMailbox {
  const clock = options.clock ?? (() => new Date());
  const capacity = options.capacity ?? 1000;
  const mails: DevMail[] = [];
  const byKey = new Map<string, DevMail>();
  const keyOf = new Map<string, string>();
  const failures: MailSendError[] = [];

  function remember(key: string, mail: DevMail): void {
    mails.push(mail);
    byKey.set(key, mail);
    keyOf.set(mail.id, key);
    while (mails.length > capacity) {
      const old = mails.shift() as DevMail;
      byKey.delete(keyOf.get(old.id) as string);
      keyOf.delete(old.id);
    }
  }

  return {
    name: 'dev',

    async send(email: OutboundEmail): Promise<MailSendResult> {
      const existing = byKey.get(email.idempotencyKey);
      if (existing) return { messageId: existing.messageId };
      const failure = failures.shift();
      if (failure) throw failure;
      const mail: DevMail = {
        id: uuidv7(),
        firmId: email.firmId,
        from: email.from,
        to: normaliseAddress(email.to),
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        at: clock(),
      };
      remember(email.idempotencyKey, mail);
      return { messageId: mail.messageId };
    },

    list(firmId: string, to?: string): DevMail[] {
      const wanted = to === undefined ? undefined : normaliseAddress(to);
      return mails.filter((m) => m.firmId === firmId && (wanted === undefined || m.to === wanted));
    },

    failNext(error: MailSendError): void {
      failures.push(error);
    },

    close(): void {},
  };
}
