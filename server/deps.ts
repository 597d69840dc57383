import type { Logger } from 'pino';
import type { ConfiguredMailTransport } from './channels/email/create-mail-transport';
import type { ConfiguredSmsProvider } from './channels/sms/create-sms-provider';
import type { Config } from './config';
import type { ConversationPlugins } from './features/conversations/plugins';
import type { InboundSmsReceivers } from './features/sms/inbound';
import type { EventBus } from './platform/bus/bus';
import type { Keyring } from './platform/crypto/keyring';
import type { Database, Db } from './platform/db/client';
import type { Geocoder } from './platform/geo/geocoder';
import type { Metrics } from './platform/http/metrics';
import type { OutboxRelay } from './platform/outbox/relay';

/** Everything a use case may touch, built once in main.ts (or per test) and passed down explicitly. */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  keyring: Keyring;
  metrics: Metrics;
  /** Real-time events between processes; publish through inTransaction (after commit). */
  bus: EventBus;
  /** The outbox relay of this process: register channel senders on it. */
  outbox: OutboxRelay;
  /** The configured SMS provider (SMS_PROVIDER); texts reach it only through the outbox's `sms.send`. */
  sms: ConfiguredSmsProvider;
  /** The configured mail transport (MAIL_TRANSPORT); e-mails reach it only through the outbox's `email.send`. */
  mail: ConfiguredMailTransport;
  /** What the features plug into the conversation core (listeners, creators, cleaners); see bootstrap.ts. */
  conversations: ConversationPlugins;
  /** Who takes an inbound text, by the purpose of the number it was sent to; see bootstrap.ts. */
  smsReceivers: InboundSmsReceivers;
  /** Places addresses (the Message Center service area and address type-ahead); see bootstrap.ts. */
  geocoder: Geocoder;
  /** The current time; tests move it. */
  clock: () => Date;
}
