import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/features/auth/totp-code';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/env';

let t: TestApp;
let now: Date;
beforeAll(async () => {
  t = await startTestApp();
  now = new Date('2026-06-01T10:00:00Z');
  t.deps.clock = () => now;
});
afterAll(() => t.close());
const advanceSeconds = (s: number) => {
  now = new Date(now.getTime() + s * 1000);
};
const login = (totp?: string, password = DEMO_PASSWORD) =>
  t.client().post('/api/v1/auth/login', { email: demoLogins.attorney1, password, ...(totp ? { totp } : {}) });

describe('two-factor sign-in (TOTP)', () => {
  let secret: string;

  it('sets up a secret, stored encrypted, not yet required at sign-in', async () => {
    const c = await t.signIn(demoLogins.attorney1);
    const r = await c.post('/api/v1/auth/totp/setup');
    expect(r.status).toBe(200);
    expect(r.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(r.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Parley:attorney1%40demo\.parley\.test\?/);
    expect(r.body.otpauthUrl).toContain(`secret=${r.body.secret}`);
    secret = r.body.secret;

    const stored = await t.database.query<{ totp_secret: string; totp_enabled: boolean }>(
      'select totp_secret, totp_enabled from users where email = $1',
      [demoLogins.attorney1],
    );
    expect(stored[0]?.totp_enabled).toBe(false);
    expect(stored[0]?.totp_secret).toMatch(/^v1\./);
    expect(stored[0]?.totp_secret).not.toContain(secret);
    expect((await login()).status).toBe(200);
  });

  it('enables only with a valid code, and audits it', async () => {
    const c = await t.signIn(demoLogins.attorney1);
    const wrong = await c.post('/api/v1/auth/totp/enable', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.type).toBe('/problems/invalid-totp');
    const malformed = await c.post('/api/v1/auth/totp/enable', { code: 'abc' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('body.code');

    expect((await c.post('/api/v1/auth/totp/enable', { code: currentTotpCode(secret, now) })).status).toBe(
      204,
    );
    expect((await c.get('/api/v1/me')).body.user.totpEnabled).toBe(true);
    expect((await c.post('/api/v1/auth/totp/setup')).status).toBe(409);
    const audit = await t.database.query("select 1 from audit_log where action = 'auth.totp_enabled'");
    expect(audit).toHaveLength(1);
  });

  it('requires a code at sign-in once enabled', async () => {
    const without = await login();
    expect(without.status).toBe(401);
    expect(without.body.type).toBe('/problems/totp-required');
    expect(without.headers.getSetCookie()).toEqual([]);
    const wrong = await login('123456');
    expect(wrong.status).toBe(401);
    expect(wrong.body.type).toBe('/problems/totp-required');
  });

  it('still answers invalid-credentials for a wrong password, code or not', async () => {
    const r = await login(currentTotpCode(secret, now), 'not-the-password');
    expect(r.status).toBe(401);
    expect(r.body.type).toBe('/problems/invalid-credentials');
  });

  it('rejects the code that enabled TOTP, accepts the next one once, and never a replay', async () => {
    expect((await login(currentTotpCode(secret, now))).status).toBe(401);
    advanceSeconds(30);
    const code = currentTotpCode(secret, now);
    const ok = await login(code);
    expect(ok.status).toBe(200);
    expect(ok.body.user.totpEnabled).toBe(true);
    const replay = await login(code);
    expect(replay.status).toBe(401);
    expect(replay.body.type).toBe('/problems/totp-required');
    const failures = await t.database.query<{ details: { reason: string } }>(
      "select details from audit_log where action = 'auth.login_failed' order by seq",
    );
    expect(failures.map((f) => f.details.reason)).toContain('totp_replay');
  });

  it('accepts a code one step old or one step ahead (clock drift), but not two', async () => {
    advanceSeconds(90);
    expect((await login(currentTotpCode(secret, new Date(now.getTime() - 60_000)))).status).toBe(401);
    expect((await login(currentTotpCode(secret, new Date(now.getTime() - 30_000)))).status).toBe(200);
    expect((await login(currentTotpCode(secret, new Date(now.getTime() + 30_000)))).status).toBe(200);
  });

  it('disables only with the password, after which sign-in needs no code', async () => {
    advanceSeconds(120);
    await expect(t.signIn(demoLogins.attorney1)).rejects.toThrow(/401/);
    const signedIn = t.client();
    await signedIn.login(demoLogins.attorney1, DEMO_PASSWORD, currentTotpCode(secret, now));
    const wrong = await signedIn.post('/api/v1/auth/totp/disable', { password: 'nope' });
    expect(wrong.status).toBe(422);
    expect((await signedIn.get('/api/v1/me')).body.user.totpEnabled).toBe(true);

    expect((await signedIn.post('/api/v1/auth/totp/disable', { password: DEMO_PASSWORD })).status).toBe(204);
    expect((await login()).status).toBe(200);
    const audit = await t.database.query("select 1 from audit_log where action = 'auth.totp_disabled'");
    expect(audit).toHaveLength(1);
    expect((await signedIn.post('/api/v1/auth/totp/disable', { password: DEMO_PASSWORD })).status).toBe(409);
  });

  it('cannot be changed with an API token', async () => {
    const admin = await t.signIn(demoLogins.admin);
    const { body } = await admin.post('/api/v1/api-tokens', { name: 'bot' });
    const bot = t.client();
    bot.bearer = body.token;
    expect((await bot.post('/api/v1/auth/totp/setup')).status).toBe(403);
  });
});
