import type { Logger } from 'pino';
import type { Config } from '../../config';
import { createSmsSimulator, type SmsSimulator, type SmsSimulatorOptions } from './simulator';
import { createTwilioProvider, type TwilioSmsProvider } from './twilio';

/** The adapter chosen by configuration; `name` tells which, so dev routes can reach the simulator's inbox. */
export type ConfiguredSmsProvider = SmsSimulator | TwilioSmsProvider;

/** Picks the SMS adapter from config SMS_PROVIDER (and TWILIO_* for Twilio). */
export function createSmsProvider(
  config: Pick<
    Config,
    | 'SMS_PROVIDER'
    | 'TWILIO_ACCOUNT_SID'
    | 'TWILIO_AUTH_TOKEN'
    | 'TWILIO_BASE_URL'
    | 'TWILIO_MESSAGING_SERVICE_SID'
  >,
  options: { log?: Logger; clock?: () => Date; simulator?: SmsSimulatorOptions; fetch?: typeof fetch } = {},
): ConfiguredSmsProvider {
  if (config.SMS_PROVIDER === 'twilio') {
    // loadConfig refuses SMS_PROVIDER=twilio without both credentials; this guards hand-built configs.
    if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) {
      throw new Error('TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are required when SMS_PROVIDER=twilio');
    }
    return createTwilioProvider({
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      baseUrl: config.TWILIO_BASE_URL,
      messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
      fetch: options.fetch,
    });
  }
  return createSmsSimulator({ log: options.log, clock: options.clock, ...options.simulator });
}
