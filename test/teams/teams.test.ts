import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import {
  allPages,
  auditOf,
  expectInvalid,
  expectRefused,
  rowCounts,
  UNKNOWN_ID,
  userIdOf,
} from '../support/directory';

let t: TestApp;
let admin: TestClient;
let attorney: TestClient;
let agent: TestClient;
let ids: Record<'attorney1' | 'attorney2' | 'agent1' | 'agent2', string>;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn(demoLogins.admin);
  attorney = await t.signIn(demoLogins.attorney1);
  agent = await t.signIn(demoLogins.agent1);
  ids = {
    attorney1: await userIdOf(admin, demoLogins.attorney1),
    attorney2: await userIdOf(admin, demoLogins.attorney2),
    agent1: await userIdOf(admin, demoLogins.agent1),
    agent2: await userIdOf(admin, demoLogins.agent2),
  };
});
afterAll(() => t.close());

describe('GET /api/v1/teams', () => {
  it('lets any staff list teams and circles with their members, by name', async () => {
    const r = await agent.get('/api/v1/teams');
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: any) => [x.name, x.kind])).toEqual([
      ['Litigation', 'circle'],
      ['Sales', 'team'],
      ['Service', 'team'],
    ]);
    const litigation = r.body.items[0];
    expect(litigation.memberIds.sort()).toEqual([ids.attorney1, ids.attorney2].sort());
    expect(r.body.items[1].memberIds).toEqual([ids.agent1]);
  });

  it('filters by kind and name', async () => {
    const circles = await agent.get('/api/v1/teams?kind=circle');
    expect(circles.body.items.map((x: any) => x.name)).toEqual(['Litigation']);
    const byName = await agent.get('/api/v1/teams?q=SER');
    expect(byName.body.items.map((x: any) => x.name)).toEqual(['Service']);
    const bad = await agent.get('/api/v1/teams?kind=squad');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('query.kind');
  });

  it('pages with limit and cursor', async () => {
    const { items, pages } = await allPages(agent, '/api/v1/teams', 1);
    expect(items.map((x) => x.name)).toEqual(['Litigation', 'Sales', 'Service']);
    expect(pages).toBe(3);
    const bad = await agent.get('/api/v1/teams?cursor=%%%');
    expect(bad.status).toBe(400);
  });
});

describe('GET /api/v1/teams/:id', () => {
  it('answers one team, 404 for an unknown id, 400 for a malformed one', async () => {
    const sales = (await agent.get('/api/v1/teams?q=Sales')).body.items[0];
    const r = await attorney.get(`/api/v1/teams/${sales.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(sales);
    expect((await attorney.get(`/api/v1/teams/${UNKNOWN_ID}`)).status).toBe(404);
    const bad = await attorney.get('/api/v1/teams/sales');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.id');
  });
});

describe('POST /api/v1/teams', () => {
  it('creates a team with members and audits it', async () => {
    const r = await admin.post('/api/v1/teams', {
      name: 'Intake',
      kind: 'team',
      memberIds: [ids.agent1, ids.agent2],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'Intake', kind: 'team' });
    expect(r.body.memberIds.sort()).toEqual([ids.agent1, ids.agent2].sort());
    expect((await agent.get(`/api/v1/teams/${r.body.id}`)).body.memberIds.sort()).toEqual(
      [ids.agent1, ids.agent2].sort(),
    );
    const [entry] = await auditOf(t, r.body.id, 'team.created');
    expect(entry?.details.added.sort()).toEqual([ids.agent1, ids.agent2].sort());
  });

  it('creates a circle without members', async () => {
    const r = await admin.post('/api/v1/teams', { name: 'Partners', kind: 'circle' });
    expect(r.status).toBe(201);
    expect(r.body.memberIds).toEqual([]);
  });

  it('answers 409 for a name its kind already uses, and allows it for the other kind', async () => {
    const r = await expectRefused(t, 409, () => admin.post('/api/v1/teams', { name: 'Sales', kind: 'team' }));
    expect(r.body.type).toBe('/problems/team-name-taken');
    expect((await admin.post('/api/v1/teams', { name: 'Sales', kind: 'circle' })).status).toBe(201);
  });

  it('refuses attorneys and agents with 403, and lets settings.manage in', async () => {
    await expectRefused(t, 403, () => attorney.post('/api/v1/teams', { name: 'X', kind: 'team' }));
    await expectRefused(t, 403, () => agent.post('/api/v1/teams', { name: 'X', kind: 'team' }));
    await admin.post('/api/v1/users', {
      email: 'office.manager@demo.parley.test',
      name: 'Office Manager',
      role: 'staff',
      password: 'a-long-enough-password',
      permissions: ['settings.manage'],
    });
    const manager = await t.signIn('office.manager@demo.parley.test', 'a-long-enough-password');
    expect((await manager.post('/api/v1/teams', { name: 'Front desk', kind: 'team' })).status).toBe(201);
  });

  it('rejects every bad field with 400 naming it and writes nothing', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['body.name', { name: '' }],
      ['body.name', { name: 42 }],
      ['body.kind', { kind: 'squad' }],
      ['body.memberIds.0', { memberIds: ['not-a-uuid'] }],
      ['body.memberIds.1', { memberIds: [ids.agent1, UNKNOWN_ID] }],
      ['body.memberIds.1', { memberIds: [ids.agent1, ids.agent1] }],
      ['body.memberIds', { memberIds: 'everyone' }],
    ];
    for (const [field, change] of cases)
      await expectInvalid(t, field, () =>
        admin.post('/api/v1/teams', { name: 'New', kind: 'team', ...change }),
      );
  });
});

describe('PUT /api/v1/teams/:id/members', () => {
  it('replaces the members and audits who was added and removed', async () => {
    const litigation = (await agent.get('/api/v1/teams?q=Litigation')).body.items[0];
    const r = await admin.put(`/api/v1/teams/${litigation.id}/members`, {
      userIds: [ids.attorney2, ids.agent1],
    });
    expect(r.status).toBe(200);
    expect(r.body.memberIds.sort()).toEqual([ids.attorney2, ids.agent1].sort());
    expect((await agent.get(`/api/v1/teams/${litigation.id}`)).body.memberIds.sort()).toEqual(
      [ids.attorney2, ids.agent1].sort(),
    );
    const [entry] = await auditOf(t, litigation.id, 'team.members_changed');
    expect(entry?.details).toEqual({ added: [ids.agent1], removed: [ids.attorney1] });
    const emptied = await admin.put(`/api/v1/teams/${litigation.id}/members`, { userIds: [] });
    expect(emptied.body.memberIds).toEqual([]);
  });

  it('writes nothing when the member list is unchanged', async () => {
    const sales = (await agent.get('/api/v1/teams?q=Sales&kind=team')).body.items[0];
    const before = await rowCounts(t);
    const r = await admin.put(`/api/v1/teams/${sales.id}/members`, { userIds: [ids.agent1] });
    expect(r.status).toBe(200);
    expect(r.body.memberIds).toEqual([ids.agent1]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('answers 400 naming the index of a user that is not in the firm, and writes nothing', async () => {
    const service = (await agent.get('/api/v1/teams?q=Service')).body.items[0];
    await expectInvalid(t, 'body.userIds.1', () =>
      admin.put(`/api/v1/teams/${service.id}/members`, { userIds: [ids.agent1, UNKNOWN_ID] }),
    );
    await expectInvalid(t, 'body.userIds.0', () =>
      admin.put(`/api/v1/teams/${service.id}/members`, { userIds: ['agent1'] }),
    );
    await expectInvalid(t, 'body.userIds', () => admin.put(`/api/v1/teams/${service.id}/members`, {}));
    expect((await agent.get(`/api/v1/teams/${service.id}`)).body.memberIds).toEqual([ids.agent2]);
  });

  it('refuses non-admins with 403 and unknown teams with 404', async () => {
    const service = (await agent.get('/api/v1/teams?q=Service')).body.items[0];
    await expectRefused(t, 403, () =>
      agent.put(`/api/v1/teams/${service.id}/members`, { userIds: [ids.agent1] }),
    );
    await expectRefused(t, 404, () => admin.put(`/api/v1/teams/${UNKNOWN_ID}/members`, { userIds: [] }));
    await expectInvalid(t, 'params.id', () => admin.put('/api/v1/teams/x/members', { userIds: [] }));
  });
});
