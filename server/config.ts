import { z } from 'zod';

const booleanFlag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const positiveInt = z.coerce.number().int().positive();

/** Every environment variable Parley reads; the README documents each one. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** HTTP port the server listens on. */
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    /** Address to bind. */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Folder for the embedded database, the generated master key and uploads. */
    DATA_DIR: z.string().min(1).default('./data'),
    /** PostgreSQL connection string; without it Parley runs on PGlite in DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** Size of the PostgreSQL connection pool of one process. */
    DATABASE_POOL_SIZE: positiveInt.default(10),
    /**
     * Named prepared statements on PostgreSQL (parsed once per connection, plans reused). Off only
     * behind a pooler that cannot keep them per connection (PgBouncer before 1.21 in transaction mode).
     */
    DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
    /** Redis connection string; with it, real-time events fan out across processes. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    /** Redis pub/sub channel shared by the processes of one deployment (several deployments may share a Redis). */
    REDIS_CHANNEL: z.string().min(1).max(200).default('parley:events'),
    /** 32 random bytes, base64. Required with DATABASE_URL; generated into DATA_DIR otherwise. */
    PARLEY_MASTER_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded in base64')
      .optional(),
    /**
     * The address users reach Parley at; links in e-mails and texts are built from it alone, never from
     * request headers. Required in production; http://localhost:PORT otherwise (see publicBaseUrl).
     */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** When set, GET /metrics answers only requests with `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** SMS provider: the built-in simulator or Twilio. */
    SMS_PROVIDER: z.enum(['simulator', 'twilio']).default('simulator'),
    TWILIO_ACCOUNT_SID: z.string().optional(),
    TWILIO_AUTH_TOKEN: z.string().optional(),
    /** Base URL of the Twilio REST API (tests point it at a local fake). */
    TWILIO_BASE_URL: z.url().default('https://api.twilio.com'),
    /** Twilio Messaging Service SID (MG…); when set, texts go through the service (its opt-out and sender pool) from the thread's number. */
    TWILIO_MESSAGING_SERVICE_SID: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be a Messaging Service SID (MG…)')
      .optional(),
    /** Outbound mail: the dev mailbox or SMTP. */
    MAIL_TRANSPORT: z.enum(['dev', 'smtp']).default('dev'),
    /** smtp://user:pass@host:port when MAIL_TRANSPORT=smtp. */
    SMTP_URL: z.string().optional(),
    /** Sender address of outgoing mail. */
    MAIL_FROM: z.string().default('Parley <no-reply@parley.localhost>'),
    /** Port of the inbound SMTP receiver; unset disables it. */
    SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Seed the demo firm: on by default for a new embedded data folder, off for PostgreSQL. */
    PARLEY_DEMO: booleanFlag.optional(),
    /** Password of every demo login; random (printed once) when unset. */
    PARLEY_DEMO_PASSWORD: z.string().min(8).optional(),
    /** A signed-in session ends after this many minutes without a request. */
    SESSION_IDLE_MINUTES: positiveInt.default(60 * 12),
    /** A session ends this many hours after sign-in, whatever its activity. */
    SESSION_MAX_HOURS: positiveInt.default(24 * 7),
    /** Largest accepted JSON body, in bytes. */
    BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
    /** pino log level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Trust X-Forwarded-For from a reverse proxy (client address for throttling and audit). */
    TRUST_PROXY: booleanFlag.default(false),
    /** Milliseconds between WebSocket pings; a socket that misses two is closed. */
    REALTIME_HEARTBEAT_MS: positiveInt.default(25_000),
    /** A socket with more than this many bytes waiting to be sent is dropped (it reconnects and catches up). */
    REALTIME_MAX_BUFFERED_BYTES: positiveInt.default(1024 * 1024),
    /**
     * Milliseconds between checks that every open stream's session is still live (expired, signed
     * out, deactivated or changed role); a stream outlives its session by at most this long.
     */
    REALTIME_SESSION_CHECK_MS: positiveInt.max(60_000).default(5_000),
    /** Milliseconds between looks for due outbox jobs (a commit that appends one wakes the relay at once). */
    OUTBOX_POLL_MS: positiveInt.default(500),
    /** Attempts at an outbox job before it is dead-lettered. */
    OUTBOX_MAX_ATTEMPTS: positiveInt.default(8),
  })
  .superRefine((c, ctx) => {
    if (c.DATABASE_URL && !c.PARLEY_MASTER_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['PARLEY_MASTER_KEY'],
        message: 'is required when DATABASE_URL is set (32 random bytes, base64)',
      });
    }
    if (c.SMS_PROVIDER === 'twilio' && (!c.TWILIO_ACCOUNT_SID || !c.TWILIO_AUTH_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TWILIO_ACCOUNT_SID'],
        message: 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are required when SMS_PROVIDER=twilio',
      });
    }
    if (c.MAIL_TRANSPORT === 'smtp' && !c.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when MAIL_TRANSPORT=smtp' });
    }
    if (c.NODE_ENV === 'production') {
      // The simulator and the dev mailbox hand texts and activation links to whoever reads /dev, and a
      // link built from anything but configuration can be pointed at an attacker's host.
      if (c.SMS_PROVIDER === 'simulator')
        ctx.addIssue({
          code: 'custom',
          path: ['SMS_PROVIDER'],
          message: 'must not be simulator when NODE_ENV=production (set SMS_PROVIDER=twilio)',
        });
      if (c.MAIL_TRANSPORT === 'dev')
        ctx.addIssue({
          code: 'custom',
          path: ['MAIL_TRANSPORT'],
          message: 'must not be dev when NODE_ENV=production (set MAIL_TRANSPORT=smtp and SMTP_URL)',
        });
      if (!c.PUBLIC_URL)
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_URL'],
          message: 'is required when NODE_ENV=production (the address users reach Parley at)',
        });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Thrown when the environment holds a bad value; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment (process.env in main.ts). Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return parsed.data;
}

/** True when the development-only routes (/dev/sms, /dev/mail, /dev/phone) may exist: never in production. */
export function devRoutesEnabled(c: Config): boolean {
  return c.NODE_ENV !== 'production';
}

/** The origin links in e-mails and texts point at: PUBLIC_URL (required in production), else http://localhost:PORT. */
export function publicBaseUrl(c: Pick<Config, 'PUBLIC_URL' | 'PORT'>): string {
  return (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
}
