import type { Config } from '../../config';
import { createDevMailbox, type DevMailbox } from './dev-mailbox';
import { createSmtpTransport, type SmtpTransport } from './smtp';

/** The transport chosen by configuration; `name` tells which, so dev routes can reach the dev mailbox. */
export type ConfiguredMailTransport = DevMailbox | SmtpTransport;

/** Picks the mail transport from config MAIL_TRANSPORT (and SMTP_URL for smtp). */
export function createMailTransport(
  config: Pick<Config, 'MAIL_TRANSPORT' | 'SMTP_URL'>,
  options: { clock?: () => Date } = {},
): ConfiguredMailTransport {
  if (config.MAIL_TRANSPORT === 'smtp') {
    // loadConfig refuses MAIL_TRANSPORT=smtp without SMTP_URL; this guards hand-built configs.
    if (!config.SMTP_URL) throw new Error('SMTP_URL is required when MAIL_TRANSPORT=smtp');
    return createSmtpTransport({ url: config.SMTP_URL });
  }
  return createDevMailbox({ clock: options.clock });
}
