import { describe, expect, it } from 'vitest';
import { ConfigError, devRoutesEnabled, loadConfig, publicBaseUrl } from './config';

const KEY = Buffer.alloc(32, 1).toString('base64');

/** The ConfigError thrown for env, or a failure when none is. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('loadConfig', () => {
  it('runs with an empty environment: embedded database, simulator, dev mail', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      DATABASE_POOL_SIZE: 10,
      DATABASE_PREPARED_STATEMENTS: true,
      SMS_PROVIDER: 'simulator',
      MAIL_TRANSPORT: 'dev',
      TWILIO_BASE_URL: 'https://api.twilio.com',
      SESSION_IDLE_MINUTES: 720,
      SESSION_MAX_HOURS: 168,
      BODY_LIMIT_BYTES: 1024 * 1024,
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.PARLEY_MASTER_KEY).toBeUndefined();
    expect(c.PARLEY_DEMO).toBeUndefined();
    expect(devRoutesEnabled(c)).toBe(true);
  });

  it('reads numbers, flags and URLs', () => {
    const c = loadConfig({
      PORT: '0',
      DATABASE_URL: 'postgresql://u@db:5432/parley',
      PARLEY_MASTER_KEY: KEY,
      REDIS_URL: 'rediss://cache:6380',
      PARLEY_DEMO: '1',
      TRUST_PROXY: 'true',
      PUBLIC_URL: 'https://parley.example.com',
    });
    expect(c).toMatchObject({ PORT: 0, PARLEY_DEMO: true, TRUST_PROXY: true });
    expect(loadConfig({ PARLEY_DEMO: 'false' }).PARLEY_DEMO).toBe(false);
  });

  it('treats empty strings as unset', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(c.PORT).toBe(8080);
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://db/parley'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_PREPARED_STATEMENTS', 'maybe'],
    ['REDIS_URL', 'http://cache:6379'],
    ['PARLEY_MASTER_KEY', 'too-short'],
    ['PARLEY_MASTER_KEY', Buffer.alloc(16).toString('base64')],
    ['PUBLIC_URL', 'not a url'],
    ['SMS_PROVIDER', 'carrier-pigeon'],
    ['TWILIO_BASE_URL', 'nope'],
    ['MAIL_TRANSPORT', 'fax'],
    ['SMTP_INBOUND_PORT', 'x'],
    ['PARLEY_DEMO', 'yes'],
    ['PARLEY_DEMO_PASSWORD', 'short'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_MAX_HOURS', 'forever'],
    ['BODY_LIMIT_BYTES', '-5'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'maybe'],
  ])('names %s when it is %j', (name, value) => {
    expect(problemsOf({ [name]: value })).toContainEqual(expect.stringMatching(new RegExp(`^${name}: `)));
  });

  it('reports every bad variable at once', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/PORT: /);
    expect(error?.message).toMatch(/LOG_LEVEL: /);
  });

  it('requires PARLEY_MASTER_KEY with DATABASE_URL', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://db/parley' });
    expect(problems).toEqual([expect.stringMatching(/^PARLEY_MASTER_KEY: is required when DATABASE_URL/)]);
  });

  it('requires Twilio credentials with SMS_PROVIDER=twilio', () => {
    expect(problemsOf({ SMS_PROVIDER: 'twilio' })).toEqual([
      expect.stringMatching(/^TWILIO_ACCOUNT_SID: .*TWILIO_AUTH_TOKEN/),
    ]);
    expect(problemsOf({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1' })).toHaveLength(1);
    expect(
      loadConfig({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' }).SMS_PROVIDER,
    ).toBe('twilio');
  });

  it('requires SMTP_URL with MAIL_TRANSPORT=smtp', () => {
    expect(problemsOf({ MAIL_TRANSPORT: 'smtp' })).toEqual([expect.stringMatching(/^SMTP_URL: /)]);
  });

  it('refuses to start in production with the simulator, the dev mailbox or without PUBLIC_URL', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^SMS_PROVIDER: must not be simulator when NODE_ENV=production/),
      expect.stringMatching(/^MAIL_TRANSPORT: must not be dev when NODE_ENV=production/),
      expect.stringMatching(/^PUBLIC_URL: is required when NODE_ENV=production/),
    ]);
    const prod = {
      NODE_ENV: 'production',
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 't',
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: 'smtp://m',
      PUBLIC_URL: 'https://parley.example.com',
    };
    expect(devRoutesEnabled(loadConfig(prod))).toBe(false);
    expect(problemsOf({ ...prod, SMS_PROVIDER: 'simulator' })).toEqual([
      expect.stringMatching(/^SMS_PROVIDER: /),
    ]);
    expect(problemsOf({ ...prod, MAIL_TRANSPORT: 'dev' })).toEqual([
      expect.stringMatching(/^MAIL_TRANSPORT: /),
    ]);
  });

  it('builds links from PUBLIC_URL, else from http://localhost:PORT', () => {
    expect(publicBaseUrl(loadConfig({}))).toBe('http://localhost:8080');
    expect(publicBaseUrl(loadConfig({ PORT: '3000' }))).toBe('http://localhost:3000');
    expect(publicBaseUrl(loadConfig({ PUBLIC_URL: 'https://parley.example.com/' }))).toBe(
      'https://parley.example.com',
    );
    expect(problemsOf({ PUBLIC_URL: 'javascript:alert(1)' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: /),
    ]);
  });

  it('takes a METRICS_TOKEN of 16 characters or more', () => {
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16) }).METRICS_TOKEN).toBe('a'.repeat(16));
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual([expect.stringMatching(/^METRICS_TOKEN: /)]);
  });

  it('never echoes a rejected value back (it may be a secret)', () => {
    const secret = 'not-base64-but-very-secret';
    expect(problemsOf({ PARLEY_MASTER_KEY: secret }).join('\n')).not.toContain(secret);
  });
});
