import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { createMailTransport } from './channels/email/create-mail-transport';
import { createSmsProvider } from './channels/sms/create-sms-provider';
import type { Config } from './config';
import type { Deps } from './deps';
import { conversationRules } from './features/conversations/access';
import type { ConversationPlugins } from './features/conversations/plugins';
import { EMAIL_SEND_TOPIC, emailSender } from './features/email/sender';
import { createInternalChat } from './features/internal-chat/create-internal-chat';
import { internalChatRule } from './features/internal-chat/rule';
import { ALERT_TOPIC, alertSender } from './features/message-center/alerts';
import { decorateSmsConversations } from './features/message-center/details';
import { receiveCampaignText } from './features/message-center/receive';
import { chooseMessageCenterChannel } from './features/message-center/secure-invite-channel';
import { secureInviteReplies } from './features/message-center/secure-invite-texts';
import { messageCenterTexting } from './features/message-center/texting';
import { forgetConversationNotifications } from './features/notifications/forget-conversation';
import { memberNotifications } from './features/notifications/notify';
import { notifyMembershipChange } from './features/notifications/thread-membership';
import {
  composeInvitationEmail,
  PORTAL_INVITATION_EMAIL,
} from './features/portal-invitations/compose-invitation-email';
import { createSecureChat } from './features/secure-chat/create-secure-chat';
import { unlinkDeletedConversation } from './features/secure-chat/forget-conversation';
import { UNLINKED_REPLY, unlinkedReplyText } from './features/secure-chat/model';
import { secureChatTexting } from './features/secure-chat/queue-sms';
import { receiveSecureChatSms } from './features/secure-chat/receive-sms';
import type { InboundSmsReceivers } from './features/sms/inbound';
import { registerSmsChannel } from './features/sms/register-sms-channel';
import { timeCapture } from './features/time-capture/capture-time';
import { forgetConversation } from './features/time-capture/forget-conversation';
import { createBus } from './platform/bus/create-bus';
import { createKeyring } from './platform/crypto/keyring';
import { resolveMasterKey } from './platform/crypto/master-key';
import type { Database } from './platform/db/client';
import { createZipCentroidGeocoder } from './platform/geo/zip-centroids';
import { createMetrics } from './platform/http/metrics';
import { INSTALL_DIR } from './platform/install-dir';
import { createOutboxRelay } from './platform/outbox/relay';

/** The process logger: JSON lines (to stdout, or to destination), with every credential-bearing field redacted. */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.totp',
          '*.token',
          '*.body',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** The migrated empty database folder `npm run build` makes (scripts/build.mjs); absent before a build. */
const PGLITE_IMAGE = path.join(INSTALL_DIR, 'dist', 'pglite', 'initial');

/**
 * Opens PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in DATA_DIR/pglite. A new data
 * folder starts as a copy of the build's database image when there is one, which spares the seconds of
 * initdb; the migrations that follow bring it up to date either way.
 */
export async function openDatabase(config: Config): Promise<Database> {
  // Each engine's driver is loaded only when chosen (a module load of 50–80 ms each at start-up).
  if (config.DATABASE_URL) {
    const { openPostgres } = await import('./platform/db/postgres');
    return openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE, {
      prepare: config.DATABASE_PREPARED_STATEMENTS,
    });
  }
  const dataDir = path.resolve(config.DATA_DIR, 'pglite');
  if (!existsSync(path.join(dataDir, 'PG_VERSION')) && existsSync(PGLITE_IMAGE)) copyImage(dataDir);
  const { openPglite } = await import('./platform/db/pglite');
  return openPglite({ dataDir });
}

/**
 * Copies the image beside the data folder and renames it into place, so a start cut short leaves either no
 * database or a whole one, never half a folder that looks initialised. A folder already there (made by
 * hand, or a leftover without PG_VERSION) is left alone: PGlite initialises it as before.
 */
function copyImage(dataDir: string) {
  const staging = `${dataDir}.new-${process.pid}`;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  try {
    cpSync(PGLITE_IMAGE, staging, { recursive: true });
    renameSync(staging, dataDir);
  } catch (error) {
    if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * How the features plug into the conversation core, which knows none of them. The order is the
 * order they run in: a message notifies its members, then texts the client (which may refuse a text
 * too long, rolling everything back), then becomes billable time.
 */
function conversationPlugins(): ConversationPlugins {
  return {
    // Message Center first: it refuses a public text before a claim, before anyone is notified.
    messageStored: [messageCenterTexting, memberNotifications, secureChatTexting, timeCapture],
    membershipChanged: [notifyMembershipChange],
    rules: { ...conversationRules, internal: internalChatRule },
    creators: { secure_chat: createSecureChat, internal: createInternalChat },
    addedKinds: {},
    deleted: [forgetConversationNotifications, unlinkDeletedConversation, forgetConversation],
    channels: { sms: chooseMessageCenterChannel },
    decorators: { sms: decorateSmsConversations },
  };
}

/** Who takes an inbound text, by what the receiving number is for (firm_numbers.purpose). */
const smsReceivers: InboundSmsReceivers = {
  secure_chat: receiveSecureChatSms,
  campaign: receiveCampaignText,
};

/**
 * Builds the dependencies of the app around an open database. Connects the event bus (Redis when
 * REDIS_URL is set) and creates the outbox relay without starting it; closeDeps undoes both.
 */
export async function createDeps(config: Config, database: Database, log: Logger): Promise<Deps> {
  const metrics = createMetrics(database.statementsSent);
  const deps: Deps = {
    config,
    database,
    db: database.db,
    log,
    keyring: createKeyring(resolveMasterKey(config).key),
    metrics,
    bus: await createBus(config, log),
    outbox: createOutboxRelay(
      { db: database.db, log, registry: metrics.registry },
      { pollMs: config.OUTBOX_POLL_MS, maxAttempts: config.OUTBOX_MAX_ATTEMPTS },
    ),
    // Through deps, so a test that moves deps.clock moves the simulator's time too.
    sms: createSmsProvider(config, { log, clock: () => deps.clock() }),
    mail: createMailTransport(config, { clock: () => deps.clock() }),
    conversations: conversationPlugins(),
    smsReceivers,
    // Offline from US ZIP-code centroids: no address leaves the server.
    geocoder: createZipCentroidGeocoder(),
    clock: () => new Date(),
  };
  registerSmsChannel(deps, { [UNLINKED_REPLY]: unlinkedReplyText, ...secureInviteReplies(deps) });
  deps.outbox.register(ALERT_TOPIC, alertSender(deps));
  // Each kind of e-mail is built at send time by its composer, from the references in the job.
  deps.outbox.register(
    EMAIL_SEND_TOPIC,
    emailSender(deps, { [PORTAL_INVITATION_EMAIL]: composeInvitationEmail }),
  );
  return deps;
}

/**
 * Stops the outbox relay (letting its current round finish), the SMS simulator's pending delivery
 * updates, closes the mail transport and disconnects the bus; not the database.
 */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.outbox.stop();
  if (deps.sms.name === 'simulator') deps.sms.close();
  deps.mail.close();
  await deps.bus.close();
}
