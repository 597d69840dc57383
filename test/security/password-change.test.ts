import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ENDED_CLOSE_CODE } from '../../contracts/realtime/close-codes';
import { expectProblem } from '../conversations/helpers';
import { openStream, type Stream } from '../realtime/stream-client';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { type Firm, makeFirm, makeUser } from '../support/factories';

// Changing a password ends every other session of the user and closes their sockets, whoever changes
// it: the user (POST /me/password, or PATCH /users/<self> as an admin) keeps the session they did it
// from; a password an admin resets ends all of the other user's sessions.

let t: TestApp;
let firm: Firm;

async function connected(c: TestClient): Promise<Stream> {
  const stream = await openStream(t.url, { session: c.cookie('parley_session') });
  await stream.next('ready');
  return stream;
}

/** True while the stream still delivers: a ping on its session comes back as pong. */
async function stillLive(c: TestClient, stream: Stream): Promise<boolean> {
  expect((await c.post('/api/v1/stream/ping')).status).toBe(202);
  return (await stream.next('pong')).type === 'pong';
}

async function hashOf(email: string): Promise<string | undefined> {
  const [row] = await t.database.query<{ h: string }>(
    'select password_hash as h from users where email = $1',
    [email],
  );
  return row?.h;
}

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t);
});
afterAll(() => t.close());

describe('POST /api/v1/me/password', () => {
  it('keeps the current session, ends the others and closes their sockets', async () => {
    const me = await makeUser(t, firm, { role: 'attorney' });
    const here = me.client;
    const elsewhere = await t.signIn(me.email, me.password);
    const hereStream = await connected(here);
    const elsewhereStream = await connected(elsewhere);
    const auditBefore = await t.database.query('select 1 from audit_log where action = $1', [
      'auth.password_changed',
    ]);

    const r = await here.post('/api/v1/me/password', {
      currentPassword: me.password,
      newPassword: 'a brand new passphrase',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(204);

    expect(await elsewhereStream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    expectProblem(await elsewhere.get('/api/v1/me'), 401);
    expect((await here.get('/api/v1/me')).status).toBe(200);
    expect(await stillLive(here, hereStream)).toBe(true);
    hereStream.ws.close();

    expect(
      (await t.client().post('/api/v1/auth/login', { email: me.email, password: me.password })).status,
    ).toBe(401);
    await t.signIn(me.email, 'a brand new passphrase');
    const audit = await t.database.query<{ actor_id: string; details: { otherSessionsEnded: number } }>(
      'select actor_id, details from audit_log where action = $1',
      ['auth.password_changed'],
    );
    expect(audit).toHaveLength(auditBefore.length + 1);
    expect(audit.at(-1)).toMatchObject({ actor_id: me.id, details: { otherSessionsEnded: 1 } });
    expect(JSON.stringify(audit)).not.toContain('passphrase');
  });

  it('refuses a wrong current password (400 naming it) and a short new one, changing nothing', async () => {
    const me = await makeUser(t, firm, { role: 'attorney' });
    const c = me.client;
    const before = await hashOf(me.email);
    const wrong = await c.post('/api/v1/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new passphrase',
    });
    expectProblem(wrong, 400, 'validation');
    expect(wrong.body.errors).toEqual([
      { field: 'body.currentPassword', message: 'is not your current password' },
    ]);
    const short = await c.post('/api/v1/me/password', {
      currentPassword: me.password,
      newPassword: 'short',
    });
    expectProblem(short, 400, 'validation');
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.newPassword']);
    const nul = await c.post('/api/v1/me/password', {
      currentPassword: me.password,
      newPassword: 'a brand new\u0000passphrase',
    });
    expect(nul.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.newPassword']);
    expect(await hashOf(me.email)).toBe(before);
    expect((await c.get('/api/v1/me')).status).toBe(200);
  });

  it('is throttled like sign-in: after 5 wrong passwords even the right one gets 429', async () => {
    const me = await makeUser(t, firm, { role: 'agent' });
    const c = me.client;
    const before = await hashOf(me.email);
    for (let i = 0; i < 5; i++) {
      const r = await c.post('/api/v1/me/password', {
        currentPassword: `guess ${i}`,
        newPassword: 'a brand new passphrase',
      });
      expect(r.status).toBe(400);
    }
    const locked = await c.post('/api/v1/me/password', {
      currentPassword: me.password,
      newPassword: 'a brand new passphrase',
    });
    expectProblem(locked, 429, 'rate-limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await hashOf(me.email)).toBe(before);
  });

  it('needs a signed-in person: 401 signed out, 403 with an API token', async () => {
    const body = { currentPassword: firm.admin.password, newPassword: 'a brand new passphrase' };
    expectProblem(await t.client().post('/api/v1/me/password', body), 401);
    const admin = firm.admin.client;
    const token = (await admin.post('/api/v1/api-tokens', { name: 'integration' })).body.token;
    const bearer = t.client();
    bearer.bearer = token;
    expectProblem(await bearer.post('/api/v1/me/password', body), 403);
  });
});

describe('PATCH /api/v1/users/:id with a password', () => {
  it('set by an admin for someone else: ends all of that user’s sessions and closes their sockets', async () => {
    const admin = await t.signIn(firm.admin.email, firm.admin.password);
    const user = await makeUser(t, firm, { role: 'agent' });
    const agent = user.client;
    const agentStream = await connected(agent);
    const adminStream = await connected(admin);
    const r = await admin.patch(`/api/v1/users/${user.id}`, { password: 'reset by the admin' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await agentStream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    expectProblem(await agent.get('/api/v1/me'), 401);
    expect(await stillLive(admin, adminStream)).toBe(true);
    adminStream.ws.close();
  });

  it('set by an admin for themselves: keeps that session, ends their others', async () => {
    const here = await t.signIn(firm.admin.email, firm.admin.password);
    const elsewhere = await t.signIn(firm.admin.email, firm.admin.password);
    const hereStream = await connected(here);
    const elsewhereStream = await connected(elsewhere);
    const r = await here.patch(`/api/v1/users/${firm.admin.id}`, { password: 'the admin passphrase' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await elsewhereStream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    expectProblem(await elsewhere.get('/api/v1/me'), 401);
    expect((await here.get('/api/v1/me')).status).toBe(200);
    expect(await stillLive(here, hereStream)).toBe(true);
    hereStream.ws.close();
  });
});
