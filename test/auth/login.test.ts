import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/env';

// Short session limits so the expiry tests move the clock by minutes, not days.
const IDLE_MINUTES = 30;
const MAX_HOURS = 2;

let t: TestApp;
let now: Date;
beforeAll(async () => {
  t = await startTestApp({
    SESSION_IDLE_MINUTES: String(IDLE_MINUTES),
    SESSION_MAX_HOURS: String(MAX_HOURS),
  });
});
afterAll(() => t.close());
beforeEach(() => {
  now = new Date('2026-03-02T09:00:00Z');
  t.deps.clock = () => now;
});
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

async function auditOf(action: string, actorId?: string) {
  const rows = await t.database.query<{ action: string; actor_id: string; ip: string; details: any }>(
    'select action, actor_id, ip, details from audit_log where action = $1 order by seq',
    [action],
  );
  return actorId ? rows.filter((r) => r.actor_id === actorId) : rows;
}

describe('POST /api/v1/auth/login', () => {
  it('signs in with the right password: user, CSRF token and an HttpOnly Lax session cookie', async () => {
    const c = t.client();
    const r = await c.post('/api/v1/auth/login', { email: demoLogins.attorney1, password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({
      email: demoLogins.attorney1,
      role: 'attorney',
      permissions: [],
      totpEnabled: false,
    });
    expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = r.headers.getSetCookie().find((h) => h.startsWith('parley_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(c.cookie('parley_session')).toMatch(new RegExp(`^${r.body.user.firmId}\\.[A-Za-z0-9_-]{43}$`));

    const me = await c.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: r.body.user, csrfToken: r.body.csrfToken });
  });

  it('accepts the e-mail in any case and with spaces', async () => {
    const r = await t.client().post('/api/v1/auth/login', {
      email: `  ${demoLogins.agent1.toUpperCase()} `,
      password: DEMO_PASSWORD,
    });
    expect(r.status).toBe(200);
    expect(r.body.user.permissions).toEqual(['message_center.use']);
  });

  it('gives a wrong password and an unknown e-mail the very same 401', async () => {
    const wrong = await t
      .client()
      .post('/api/v1/auth/login', { email: demoLogins.attorney2, password: 'not-the-password' });
    const unknown = await t
      .client()
      .post('/api/v1/auth/login', { email: 'nobody@demo.parley.test', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.type).toBe('/problems/invalid-credentials');
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('audits sign-ins and failed sign-ins of known accounts, never the password, and counts failures', async () => {
    const before = (await t.deps.metrics.loginFailures.get()).values[0]?.value ?? 0;
    const ok = await t.signIn(demoLogins.agent2);
    const { body: me } = await ok.get('/api/v1/me');
    await t.client().post('/api/v1/auth/login', { email: demoLogins.agent2, password: 'wrong-password-123' });
    await t
      .client()
      .post('/api/v1/auth/login', { email: 'ghost@example.com', password: 'wrong-password-123' });

    const logins = await auditOf('auth.login', me.user.id);
    expect(logins).toHaveLength(1);
    expect(logins[0]?.ip).toBe('127.0.0.1');
    const failures = await auditOf('auth.login_failed', me.user.id);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.details).toEqual({ reason: 'bad_password' });
    const all = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where details::text like '%wrong-password-123%'",
    );
    expect(all[0]?.n).toBe(0);
    const after = (await t.deps.metrics.loginFailures.get()).values[0]?.value ?? 0;
    expect(after - before).toBe(2);
  });

  it('rejects a body without a password with 400 naming the field', async () => {
    const r = await t.client().post('/api/v1/auth/login', { email: demoLogins.admin });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('body.password');
  });
});

describe('sessions', () => {
  it('answers /me with 401 without a session or with a forged cookie', async () => {
    const c = t.client();
    expect((await c.get('/api/v1/me')).status).toBe(401);
    const signedIn = await t.signIn(demoLogins.attorney1);
    const [firmId] = signedIn.cookie('parley_session')!.split('.');
    c.setCookie('parley_session', `${firmId}.${'A'.repeat(43)}`);
    expect((await c.get('/api/v1/me')).status).toBe(401);
    c.setCookie('parley_session', 'garbage');
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('logout ends the session server-side: the old cookie no longer works', async () => {
    const c = await t.signIn(demoLogins.attorney1);
    const stolen = c.cookie('parley_session')!;
    const { body: me } = await c.get('/api/v1/me');
    const r = await c.post('/api/v1/auth/logout');
    expect(r.status).toBe(204);
    expect(c.cookie('parley_session')).toBeUndefined();

    const replay = t.client();
    replay.setCookie('parley_session', stolen);
    expect((await replay.get('/api/v1/me')).status).toBe(401);
    expect(await auditOf('auth.logout', me.user.id)).toHaveLength(1);
  });

  it('ends after the idle limit, and each use within it keeps it alive', async () => {
    const c = await t.signIn(demoLogins.attorney2);
    advance(IDLE_MINUTES - 1);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    advance(IDLE_MINUTES - 1);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    advance(IDLE_MINUTES);
    expect((await c.get('/api/v1/me')).status).toBe(401);
    // Gone for good, even if the clock went back.
    advance(-IDLE_MINUTES);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('ends at the absolute limit however active', async () => {
    const c = await t.signIn(demoLogins.attorney2);
    for (let minutes = 20; minutes < MAX_HOURS * 60; minutes += 20) {
      advance(20);
      expect((await c.get('/api/v1/me')).status).toBe(200);
    }
    advance(20);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('writes last_seen_at at most once a minute', async () => {
    const c = await t.signIn(demoLogins.agent1);
    const id = await sessionIdOf(c.cookie('parley_session')!);
    const lastSeen = async () =>
      (
        await t.database.query<{ last_seen_at: Date }>('select last_seen_at from sessions where id = $1', [
          id,
        ])
      )[0]?.last_seen_at.getTime();
    const signedInAt = now.getTime();
    now = new Date(signedInAt + 30_000);
    await c.get('/api/v1/me');
    expect(await lastSeen()).toBe(signedInAt);
    now = new Date(signedInAt + 61_000);
    await c.get('/api/v1/me');
    expect(await lastSeen()).toBe(signedInAt + 61_000);
  });

  it('stops working once the user is deactivated', async () => {
    const c = await t.signIn(demoLogins.agent2);
    const { body } = await c.get('/api/v1/me');
    await t.database.query('update users set active = false where id = $1', [body.user.id]);
    try {
      expect((await c.get('/api/v1/me')).status).toBe(401);
    } finally {
      await t.database.query('update users set active = true where id = $1', [body.user.id]);
    }
  });
});

describe('CSRF', () => {
  it('refuses a cookie-signed write without the token, and changes nothing', async () => {
    const c = await t.signIn(demoLogins.admin);
    const r = await c.post('/api/v1/auth/logout', undefined, { headers: { 'x-csrf-token': '' } });
    expect(r.status).toBe(403);
    expect(r.body.type).toBe('/problems/csrf');
    expect((await c.get('/api/v1/me')).status).toBe(200);

    const tokensBefore = (await c.get('/api/v1/api-tokens')).body.items.length;
    const noHeader = t.client();
    noHeader.setCookie('parley_session', c.cookie('parley_session')!);
    const create = await noHeader.post('/api/v1/api-tokens', { name: 'sneaky' });
    expect(create.status).toBe(403);
    expect(create.body.type).toBe('/problems/csrf');
    expect((await c.get('/api/v1/api-tokens')).body.items.length).toBe(tokensBefore);
  });

  it('refuses a wrong token, including another session’s', async () => {
    const a = await t.signIn(demoLogins.admin);
    const b = await t.signIn(demoLogins.admin);
    const r = await a.post(
      '/api/v1/api-tokens',
      { name: 'x' },
      { headers: { 'x-csrf-token': b.csrfToken! } },
    );
    expect(r.status).toBe(403);
    expect(r.body.type).toBe('/problems/csrf');
    const wrongLength = await a.post('/api/v1/auth/logout', undefined, { headers: { 'x-csrf-token': 'x' } });
    expect(wrongLength.status).toBe(403);
    expect((await a.get('/api/v1/me')).status).toBe(200);
  });

  it('lets sign-in through with a session cookie and no token', async () => {
    const c = await t.signIn(demoLogins.attorney1);
    c.csrfToken = undefined;
    const r = await c.post('/api/v1/auth/login', { email: demoLogins.attorney1, password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents the sign-in, two-factor, API token and portal endpoints', async () => {
    const { body } = await t.client().get('/api/docs/json');
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/me',
      '/api/v1/auth/totp/setup',
      '/api/v1/auth/totp/enable',
      '/api/v1/auth/totp/disable',
      '/api/v1/api-tokens',
      '/api/v1/api-tokens/{id}',
      '/api/v1/portal/auth/login',
      '/api/v1/portal/auth/logout',
      '/api/v1/portal/me',
    ])
      expect(Object.keys(body.paths)).toContain(path);
    expect(
      body.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['email', 'password']);
  });
});

async function sessionIdOf(cookie: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256')
    .update(cookie.split('.')[1] as string)
    .digest('hex');
}
