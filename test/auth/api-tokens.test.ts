import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';

let t: TestApp;
let admin: TestClient;
let firmId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn(demoLogins.admin);
  firmId = (await admin.get('/api/v1/me')).body.user.firmId;
});
afterAll(() => t.close());

function bearer(token: string): TestClient {
  const c = t.client();
  c.bearer = token;
  return c;
}

describe('API tokens', () => {
  it('creates a token shown once, stored only as a hash, and audited', async () => {
    const r = await admin.post('/api/v1/api-tokens', { name: 'Practice system' });
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(new RegExp(`^prl_${firmId}_[A-Za-z0-9_-]{43}$`));
    expect(r.body).toMatchObject({ name: 'Practice system', lastUsedAt: null, revokedAt: null });

    const secret = r.body.token.slice(`prl_${firmId}_`.length);
    const stored = await t.database.query<{ token_hash: string }>(
      'select token_hash from api_tokens where id = $1',
      [r.body.id],
    );
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.token_hash).not.toContain(secret);

    const list = await admin.get('/api/v1/api-tokens');
    const listed = list.body.items.find((i: { id: string }) => i.id === r.body.id);
    expect(listed).toMatchObject({ name: 'Practice system' });
    expect(listed.token).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const audit = await t.database.query<{ target_id: string }>(
      "select target_id from audit_log where action = 'api_token.created'",
    );
    expect(audit.map((a) => a.target_id)).toContain(r.body.id);
  });

  it('signs requests in as the token’s user without cookie or CSRF header', async () => {
    const { body: agent } = await (await t.signIn(demoLogins.agent1)).get('/api/v1/me');
    const created = await admin.post('/api/v1/api-tokens', { name: 'Agent bot', userId: agent.user.id });
    const bot = bearer(created.body.token);
    const me = await bot.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: agent.user.id, role: 'agent' });
    expect(me.body.csrfToken).toBeNull();

    const adminBot = bearer((await admin.post('/api/v1/api-tokens', { name: 'Admin bot' })).body.token);
    const write = await adminBot.post('/api/v1/api-tokens', { name: 'made by a token' });
    expect(write.status).toBe(201);
  });

  it('records the last use, at most once a minute', async () => {
    const created = await admin.post('/api/v1/api-tokens', { name: 'Usage' });
    const start = new Date('2026-04-01T10:00:00Z');
    let now = start;
    t.deps.clock = () => now;
    try {
      const bot = bearer(created.body.token);
      await bot.get('/api/v1/me');
      now = new Date(start.getTime() + 30_000);
      await bot.get('/api/v1/me');
      const lastUsed = async () =>
        (await admin.get('/api/v1/api-tokens')).body.items.find(
          (i: { id: string }) => i.id === created.body.id,
        ).lastUsedAt;
      expect(await lastUsed()).toBe(start.toISOString());
      now = new Date(start.getTime() + 61_000);
      await bot.get('/api/v1/me');
      expect(await lastUsed()).toBe(now.toISOString());
    } finally {
      t.deps.clock = () => new Date();
    }
  });

  it('answers 401 to a revoked token, and revoking is audited once', async () => {
    const created = await admin.post('/api/v1/api-tokens', { name: 'Short-lived' });
    const bot = bearer(created.body.token);
    expect((await bot.get('/api/v1/me')).status).toBe(200);

    expect((await admin.delete(`/api/v1/api-tokens/${created.body.id}`)).status).toBe(204);
    const denied = await bot.get('/api/v1/me');
    expect(denied.status).toBe(401);
    expect(denied.body.type).toBe('/problems/invalid-token');
    expect((await admin.delete(`/api/v1/api-tokens/${created.body.id}`)).status).toBe(204);

    const listed = (await admin.get('/api/v1/api-tokens')).body.items.find(
      (i: { id: string }) => i.id === created.body.id,
    );
    expect(listed.revokedAt).not.toBeNull();
    const audit = await t.database.query(
      "select 1 from audit_log where action = 'api_token.revoked' and target_id = $1",
      [created.body.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('answers 401 to unknown and malformed tokens', async () => {
    expect((await bearer(`prl_${firmId}_${'x'.repeat(43)}`).get('/api/v1/me')).status).toBe(401);
    expect((await bearer('prl_nonsense').get('/api/v1/me')).status).toBe(401);
    expect((await bearer('not-a-parley-token').get('/api/v1/me')).status).toBe(401);
  });

  it('is for admins only', async () => {
    const attorney = await t.signIn(demoLogins.attorney1);
    expect((await attorney.get('/api/v1/api-tokens')).status).toBe(403);
    expect((await attorney.post('/api/v1/api-tokens', { name: 'mine' })).status).toBe(403);
    expect((await t.client().get('/api/v1/api-tokens')).status).toBe(401);
  });

  it('answers 404 for unknown users and tokens, 400 for bad input', async () => {
    const unknownUser = await admin.post('/api/v1/api-tokens', {
      name: 'x',
      userId: '01900000-0000-7000-8000-000000000000',
    });
    expect(unknownUser.status).toBe(404);
    expect((await admin.delete('/api/v1/api-tokens/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    const bad = await admin.post('/api/v1/api-tokens', { name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.name');
  });

  it('pages the list newest first', async () => {
    for (const name of ['p1', 'p2', 'p3']) await admin.post('/api/v1/api-tokens', { name });
    const first = await admin.get('/api/v1/api-tokens?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].name).toBe('p3');
    const second = await admin.get(`/api/v1/api-tokens?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].name).toBe('p1');
  });
});
