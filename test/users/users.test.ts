import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { allPages, auditOf, expectInvalid, expectRefused, UNKNOWN_ID, userIdOf } from '../support/directory';
import { DEMO_PASSWORD } from '../support/env';

let t: TestApp;
let admin: TestClient;
let attorney: TestClient;
let agent: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn(demoLogins.admin);
  attorney = await t.signIn(demoLogins.attorney1);
  agent = await t.signIn(demoLogins.agent1);
});
afterAll(() => t.close());

const newUser = (n: string, extra: Record<string, unknown> = {}) => ({
  email: `new.user${n}@demo.parley.test`,
  name: `New User ${n}`,
  role: 'staff',
  password: 'a-long-enough-password',
  ...extra,
});

describe('GET /api/v1/users', () => {
  it('lets any staff list colleagues without their access details', async () => {
    const r = await agent.get('/api/v1/users');
    expect(r.status).toBe(200);
    const emails = r.body.items.map((u: any) => u.email);
    expect(emails).toEqual(
      expect.arrayContaining(Object.values(demoLogins).filter((e) => e.includes('demo'))),
    );
    for (const u of r.body.items) {
      expect(Object.keys(u).sort()).toEqual([
        'active',
        'createdAt',
        'email',
        'id',
        'name',
        'role',
        'updatedAt',
      ]);
      expect(new Date(u.createdAt).toISOString()).toBe(u.createdAt);
    }
  });

  it('shows admins permissions, phone and TOTP state, never a password hash', async () => {
    const r = await admin.get('/api/v1/users');
    const a1 = r.body.items.find((u: any) => u.email === demoLogins.attorney1);
    expect(a1).toMatchObject({
      role: 'attorney',
      permissions: [],
      phone: '+12025550101',
      totpEnabled: false,
    });
    const ag = r.body.items.find((u: any) => u.email === demoLogins.agent1);
    expect(ag.permissions).toEqual(['message_center.use']);
    expect(JSON.stringify(r.body)).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  it('filters by text, role and active state', async () => {
    const byText = await agent.get('/api/v1/users?q=ATTORNEY');
    expect(byText.body.items.map((u: any) => u.email).sort()).toEqual([
      demoLogins.attorney1,
      demoLogins.attorney2,
    ]);
    const byName = await agent.get('/api/v1/users?q=Barrister');
    expect(byName.body.items.map((u: any) => u.email)).toEqual([demoLogins.attorney2]);
    const wildcard = await agent.get('/api/v1/users?q=%25');
    expect(wildcard.body.items).toEqual([]);
    const agents = await agent.get('/api/v1/users?role=agent');
    expect(agents.body.items.map((u: any) => u.role)).toEqual(['agent', 'agent']);
    const inactive = await agent.get('/api/v1/users?active=false');
    expect(inactive.body.items).toEqual([]);
  });

  it('pages by name with limit and nextCursor', async () => {
    const first = await agent.get('/api/v1/users?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const { items, pages } = await allPages(agent, '/api/v1/users', 2);
    const all = (await agent.get('/api/v1/users?limit=200')).body.items;
    expect(items.map((u) => u.id)).toEqual(all.map((u: any) => u.id));
    expect(new Set(items.map((u) => u.id)).size).toBe(items.length);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('rejects bad paging and filter values', async () => {
    const cases: [string, string][] = [
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from('["a","not-a-uuid"]').toString('base64url')}`, 'cursor'],
      [`cursor=${Buffer.from('["a"]').toString('base64url')}`, 'cursor'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['role=boss', 'role'],
      ['active=maybe', 'active'],
    ];
    for (const [query, field] of cases) {
      const r = await agent.get(`/api/v1/users?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.errors.map((e: any) => e.field)).toContain(`query.${field}`);
    }
  });

  it('answers 401 when not signed in', async () => {
    expect((await t.client().get('/api/v1/users')).status).toBe(401);
  });
});

describe('GET /api/v1/users/:id', () => {
  it('answers a colleague, 404 for an unknown id and 400 for a malformed one', async () => {
    const id = await userIdOf(admin, demoLogins.attorney2);
    const r = await agent.get(`/api/v1/users/${id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, email: demoLogins.attorney2, role: 'attorney', active: true });
    expect(r.body.permissions).toBeUndefined();
    expect((await admin.get(`/api/v1/users/${id}`)).body.permissions).toEqual([]);
    expect((await agent.get(`/api/v1/users/${UNKNOWN_ID}`)).status).toBe(404);
    const bad = await agent.get('/api/v1/users/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.id');
  });
});

describe('POST /api/v1/users', () => {
  it('creates a user who can sign in, with normalised e-mail and phone and default permissions', async () => {
    const r = await admin.post(
      '/api/v1/users',
      newUser('1', { email: 'New.Agent@Demo.Parley.TEST', role: 'agent', phone: '(202) 555-0111' }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      email: 'new.agent@demo.parley.test',
      name: 'New User 1',
      role: 'agent',
      active: true,
      permissions: ['message_center.use'],
      phone: '+12025550111',
    });
    const signedIn = await t.signIn('new.agent@demo.parley.test', 'a-long-enough-password');
    expect((await signedIn.get('/api/v1/me')).body.user.id).toBe(r.body.id);
    const [entry] = await auditOf(t, r.body.id, 'user.created');
    expect(entry).toMatchObject({ action: 'user.created', details: { role: 'agent' } });
    expect(JSON.stringify(entry)).not.toContain('a-long-enough-password');
  });

  it('keeps the permissions the admin chooses', async () => {
    const r = await admin.post(
      '/api/v1/users',
      newUser('2', { permissions: ['billing.manage', 'audit.read'] }),
    );
    expect(r.status).toBe(201);
    expect(r.body.permissions.sort()).toEqual(['audit.read', 'billing.manage']);
  });

  it('answers 409 when the e-mail is taken, in any case', async () => {
    await expectRefused(t, 409, () =>
      admin.post('/api/v1/users', newUser('3', { email: demoLogins.attorney1.toUpperCase() })),
    );
  });

  it('refuses attorneys and agents with 403', async () => {
    await expectRefused(t, 403, () => attorney.post('/api/v1/users', newUser('4')));
    await expectRefused(t, 403, () => agent.post('/api/v1/users', newUser('5')));
  });

  it('lets users.manage create colleagues, but not admins or more permissions than its own', async () => {
    await admin.post(
      '/api/v1/users',
      newUser('mgr', { permissions: ['users.manage', 'message_center.use'] }),
    );
    const manager = await t.signIn('new.usermgr@demo.parley.test', 'a-long-enough-password');
    expect((await manager.post('/api/v1/users', newUser('6', { role: 'agent' }))).status).toBe(201);
    await expectRefused(t, 403, () => manager.post('/api/v1/users', newUser('7', { role: 'admin' })));
    await expectRefused(t, 403, () =>
      manager.post('/api/v1/users', newUser('8', { permissions: ['secure_chat.view_all'] })),
    );
    const listed = await manager.get('/api/v1/users?q=new.user6');
    expect(listed.body.items[0].permissions).toEqual(['message_center.use']);
  });

  it('rejects every bad field with 400 naming it and writes nothing', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['body.email', { email: 'not-an-email' }],
      ['body.email', { email: undefined }],
      ['body.name', { name: '   ' }],
      ['body.name', { name: 'x'.repeat(201) }],
      ['body.role', { role: 'boss' }],
      ['body.password', { password: 'short-pw' }],
      ['body.password', { password: 123456789012345 }],
      ['body.permissions.0', { permissions: ['fly'] }],
      ['body.permissions.1', { permissions: ['audit.read', 'audit.read'] }],
      ['body.permissions', { permissions: 'audit.read' }],
      ['body.phone', { phone: '12345' }],
      ['body.phone', { phone: 2025550143 }],
    ];
    for (const [field, change] of cases)
      await expectInvalid(t, field, () => admin.post('/api/v1/users', newUser('bad', change)));
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('changes name, role, permissions and phone, and audits the access diff', async () => {
    const created = await admin.post('/api/v1/users', newUser('p1'));
    const id = created.body.id;
    const r = await admin.patch(`/api/v1/users/${id}`, {
      name: 'Renamed',
      role: 'attorney',
      permissions: ['secure_chat.view_all'],
      phone: '+44 20 7946 0958',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: 'Renamed',
      role: 'attorney',
      permissions: ['secure_chat.view_all'],
      phone: '+442079460958',
    });
    expect((await admin.get(`/api/v1/users/${id}`)).body.name).toBe('Renamed');
    const entries = await auditOf(t, id, 'user.updated');
    expect(entries.at(-1)).toMatchObject({
      action: 'user.updated',
      details: {
        fields: ['name', 'role', 'permissions', 'phone'],
        changes: {
          role: { from: 'staff', to: 'attorney' },
          permissions: { from: [], to: ['secure_chat.view_all'] },
        },
      },
    });
  });

  it('sets a new password without writing it to the audit log and ends the user’s sessions', async () => {
    const created = await admin.post('/api/v1/users', newUser('p2'));
    const before = await t.signIn('new.userp2@demo.parley.test', 'a-long-enough-password');
    const r = await admin.patch(`/api/v1/users/${created.body.id}`, { password: 'another-long-password' });
    expect(r.status).toBe(200);
    expect((await before.get('/api/v1/me')).status).toBe(401);
    await t.signIn('new.userp2@demo.parley.test', 'another-long-password');
    const entries = await auditOf(t, created.body.id, 'user.updated');
    expect(entries.at(-1)?.details).toEqual({ fields: ['password'], changes: {} });
    expect(JSON.stringify(entries)).not.toContain('another-long-password');
  });

  it('deactivates a user: their sessions end, sign-in fails, and the audit says so', async () => {
    const id = await userIdOf(admin, demoLogins.agent2);
    const agent2 = await t.signIn(demoLogins.agent2);
    expect((await agent2.get('/api/v1/me')).status).toBe(200);
    const r = await admin.patch(`/api/v1/users/${id}`, { active: false });
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    expect((await agent2.get('/api/v1/me')).status).toBe(401);
    expect(
      (await t.client().post('/api/v1/auth/login', { email: demoLogins.agent2, password: DEMO_PASSWORD }))
        .status,
    ).toBe(401);
    expect((await admin.get('/api/v1/users?active=false')).body.items.map((u: any) => u.id)).toEqual([id]);
    expect((await auditOf(t, id, 'user.updated')).at(-1)?.details.changes).toEqual({
      active: { from: true, to: false },
    });
    expect((await admin.patch(`/api/v1/users/${id}`, { active: true })).body.active).toBe(true);
    await t.signIn(demoLogins.agent2);
  });

  it('stops admins locking themselves out with 422, changing nothing', async () => {
    const me = await userIdOf(admin, demoLogins.admin);
    const off = await expectRefused(t, 422, () => admin.patch(`/api/v1/users/${me}`, { active: false }));
    expect(off.body.type).toBe('/problems/self-lockout');
    await expectRefused(t, 422, () => admin.patch(`/api/v1/users/${me}`, { role: 'attorney' }));
    expect((await admin.get('/api/v1/me')).status).toBe(200);
    expect((await admin.patch(`/api/v1/users/${me}`, { name: 'Avery A. Admin' })).status).toBe(200);
  });

  it('refuses non-admins with 403, users.manage included', async () => {
    const id = await userIdOf(admin, demoLogins.agent1);
    await expectRefused(t, 403, () => attorney.patch(`/api/v1/users/${id}`, { name: 'X' }));
    await expectRefused(t, 403, () => agent.patch(`/api/v1/users/${id}`, { role: 'admin' }));
    await admin.post('/api/v1/users', newUser('mgr2', { permissions: ['users.manage'] }));
    const manager = await t.signIn('new.usermgr2@demo.parley.test', 'a-long-enough-password');
    await expectRefused(t, 403, () => manager.patch(`/api/v1/users/${id}`, { active: false }));
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    await expectRefused(t, 404, () => admin.patch(`/api/v1/users/${UNKNOWN_ID}`, { name: 'X' }));
    await expectInvalid(t, 'params.id', () => admin.patch('/api/v1/users/123', { name: 'X' }));
  });

  it('rejects every bad field with 400 naming it and writes nothing', async () => {
    const id = await userIdOf(admin, demoLogins.agent1);
    const cases: [string, Record<string, unknown>][] = [
      ['body.name', { name: '' }],
      ['body.role', { role: 'owner' }],
      ['body.permissions.0', { permissions: ['everything'] }],
      ['body.active', { active: 'no' }],
      ['body.phone', { phone: 'call me' }],
      ['body.password', { password: 'tooshort' }],
    ];
    for (const [field, body] of cases)
      await expectInvalid(t, field, () => admin.patch(`/api/v1/users/${id}`, body));
  });
});
