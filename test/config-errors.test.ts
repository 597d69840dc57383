import { describe, expect, it } from 'vitest';
import { runTs, tempDir } from './support/process';

// The server refuses to start on a bad environment: it exits with EX_CONFIG (78) before touching any
// database and says which variable is wrong.
describe('starting with a bad configuration', () => {
  const dataDir = tempDir('config-errors');

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db.example/parley' }],
    ['PARLEY_MASTER_KEY', { DATABASE_URL: 'postgres://db.example/parley' }],
    ['TWILIO_ACCOUNT_SID', { SMS_PROVIDER: 'twilio' }],
    ['SMS_PROVIDER', { NODE_ENV: 'production', MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://m' }],
    ['MAIL_TRANSPORT', { NODE_ENV: 'production' }],
    ['PUBLIC_URL', { NODE_ENV: 'production' }],
  ])('exits non-zero and names %s', async (name, env) => {
    const r = await runTs('server/main.ts', [], { DATA_DIR: dataDir, ...env });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(new RegExp(`^\\s+- ${name}: `, 'm'));
    expect(r.stdout).not.toMatch(/listening/);
  });

  it('names every bad variable at once', async () => {
    const r = await runTs('server/main.ts', [], { DATA_DIR: dataDir, PORT: 'x', REDIS_URL: 'http://cache' });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('PORT: ');
    expect(r.stderr).toContain('REDIS_URL: ');
  });
});
