import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { allPages, auditOf, expectInvalid, expectRefused, UNKNOWN_ID, userIdOf } from '../support/directory';

let t: TestApp;
let admin: TestClient;
let attorney1: TestClient;
let agent: TestClient;
let attorney1Id: string;
let agentId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn(demoLogins.admin);
  attorney1 = await t.signIn(demoLogins.attorney1);
  agent = await t.signIn(demoLogins.agent1);
  attorney1Id = await userIdOf(admin, demoLogins.attorney1);
  agentId = await userIdOf(admin, demoLogins.agent1);
});
afterAll(() => t.close());

const janeOf = async (c: TestClient) =>
  (await c.get('/api/v1/contacts?q=Jane')).body.items.find((x: any) => x.name === 'Jane Roe');

describe('GET /api/v1/contacts', () => {
  it('lets any staff list contacts with E.164 phones, e-mails and portal status', async () => {
    const r = await agent.get('/api/v1/contacts');
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: any) => x.name)).toEqual(['Jane Roe', 'John Smith', 'Maria Garcia']);
    const jane = r.body.items[0];
    expect(jane).toMatchObject({
      emails: [{ address: demoLogins.portalClient, label: 'personal' }],
      phones: [
        { number: '+12025550143', label: 'mobile' },
        { number: '+12025550144', label: 'work' },
      ],
      coordinatorId: attorney1Id,
      portal: { status: 'active' },
      address: null,
    });
    expect(JSON.stringify(r.body)).not.toMatch(/argon2|portalPasswordHash/);
  });

  it('shows linked matters only to those who may see them', async () => {
    expect((await janeOf(agent)).matterIds).toEqual([]);
    const matters = (await attorney1.get('/api/v1/matters?q=Roe')).body.items;
    expect((await janeOf(attorney1)).matterIds).toEqual([matters[0].id]);
    expect((await janeOf(admin)).matterIds).toEqual([matters[0].id]);
  });

  it('searches name, e-mail and phone digits, and filters by coordinator and portal status', async () => {
    const names = async (q: string) =>
      (await agent.get(`/api/v1/contacts?${q}`)).body.items.map((x: any) => x.name);
    expect(await names('q=smith')).toEqual(['John Smith']);
    expect(await names('q=maria.garcia%40')).toEqual(['Maria Garcia']);
    expect(await names(`q=${encodeURIComponent('(310) 555-01')}`)).toEqual(['Maria Garcia']);
    expect(await names('q=555-0144')).toEqual(['Jane Roe']);
    expect(await names('portalStatus=active')).toEqual(['Jane Roe']);
    expect(await names(`coordinatorId=${attorney1Id}`)).toHaveLength(3);
    expect(await names(`coordinatorId=${agentId}`)).toEqual([]);
    const bad = await agent.get('/api/v1/contacts?coordinatorId=nobody');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('query.coordinatorId');
  });

  it('pages with limit and nextCursor, and rejects a bad cursor', async () => {
    const { items, pages } = await allPages(agent, '/api/v1/contacts', 2);
    expect(items.map((x) => x.name)).toEqual(['Jane Roe', 'John Smith', 'Maria Garcia']);
    expect(pages).toBe(2);
    const bad = await agent.get('/api/v1/contacts?cursor=bm90LWpzb24');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('query.cursor');
  });
});

describe('POST /api/v1/contacts', () => {
  it('normalises US and international phone numbers to E.164 and e-mails to lower case', async () => {
    const r = await agent.post('/api/v1/contacts', {
      name: '  Pat Client ',
      phones: [{ number: '(202) 555-0143', label: 'mobile' }, { number: '+44 20 7946 0958' }],
      emails: [{ address: 'Pat.Client@Example.COM', label: 'work' }],
      address: '1 Main St, Springfield',
      coordinatorId: attorney1Id,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'Pat Client',
      phones: [
        { number: '+12025550143', label: 'mobile' },
        { number: '+442079460958', label: null },
      ],
      emails: [{ address: 'pat.client@example.com', label: 'work' }],
      address: '1 Main St, Springfield',
      coordinatorId: attorney1Id,
      portal: { status: 'none' },
      matterIds: [],
    });
    expect((await admin.get(`/api/v1/contacts/${r.body.id}`)).body).toEqual(r.body);
    const [entry] = await auditOf(t, r.body.id, 'contact.created');
    expect(entry?.details).toEqual({ phones: 2, emails: 1 });
  });

  it('creates a contact with only a name', async () => {
    const r = await agent.post('/api/v1/contacts', { name: 'Walk-in' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ phones: [], emails: [], coordinatorId: null, address: null });
  });

  it('rejects the same number twice in any format, naming the repeat', async () => {
    await expectInvalid(t, 'body.phones.1.number', () =>
      agent.post('/api/v1/contacts', {
        name: 'Dup',
        phones: [{ number: '+1 202 555 0143' }, { number: '(202) 555-0143' }],
      }),
    );
    await expectInvalid(t, 'body.emails.1.address', () =>
      agent.post('/api/v1/contacts', {
        name: 'Dup',
        emails: [{ address: 'a@example.com' }, { address: 'A@example.com' }],
      }),
    );
  });

  it('rejects every bad field with 400 naming it and writes nothing', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['body.name', { name: '' }],
      ['body.name', { name: undefined }],
      ['body.emails', { emails: 'a@example.com' }],
      ['body.emails.0.address', { emails: [{ address: 'not-an-email' }] }],
      ['body.emails.0.label', { emails: [{ address: 'a@example.com', label: 'x'.repeat(51) }] }],
      ['body.phones', { phones: [{}, {}].concat(Array(19).fill({ number: '2025550100' })) }],
      ['body.phones.0.number', { phones: [{ number: '12345' }] }],
      ['body.phones.1.number', { phones: [{ number: '2025550101' }, { number: 'call me' }] }],
      ['body.phones.0.label', { phones: [{ number: '2025550101', label: '' }] }],
      ['body.address', { address: 12 }],
      ['body.address', { address: 'x'.repeat(501) }],
      ['body.coordinatorId', { coordinatorId: 'attorney1' }],
      ['body.coordinatorId', { coordinatorId: UNKNOWN_ID }],
    ];
    for (const [field, change] of cases)
      await expectInvalid(t, field, () => agent.post('/api/v1/contacts', { name: 'Bad', ...change }));
  });

  it('answers 401 when not signed in', async () => {
    await expectRefused(t, 401, () => t.client().post('/api/v1/contacts', { name: 'Anon' }));
  });
});

describe('GET /api/v1/contacts/:id', () => {
  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await agent.get(`/api/v1/contacts/${UNKNOWN_ID}`)).status).toBe(404);
    const bad = await agent.get('/api/v1/contacts/jane');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.id');
  });
});

describe('PATCH /api/v1/contacts/:id', () => {
  it('replaces phones and e-mails when given and keeps them otherwise', async () => {
    const created = await agent.post('/api/v1/contacts', {
      name: 'Sam Patch',
      phones: [{ number: '2025550160' }, { number: '2025550161' }],
      emails: [{ address: 'sam@example.com' }],
      address: 'Old address',
      coordinatorId: attorney1Id,
    });
    const id = created.body.id;
    const renamed = await agent.patch(`/api/v1/contacts/${id}`, { name: 'Sam Patched', address: null });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Sam Patched', address: null, coordinatorId: attorney1Id });
    expect(renamed.body.phones.map((p: any) => p.number)).toEqual(['+12025550160', '+12025550161']);
    const replaced = await agent.patch(`/api/v1/contacts/${id}`, {
      phones: [{ number: '+1 (202) 555-0162', label: 'home' }],
      emails: [],
      coordinatorId: null,
      portal: { status: 'active' },
    });
    expect(replaced.body).toMatchObject({
      phones: [{ number: '+12025550162', label: 'home' }],
      emails: [],
      coordinatorId: null,
      portal: { status: 'none' },
    });
    expect((await admin.get(`/api/v1/contacts/${id}`)).body).toEqual(replaced.body);
    const entries = await auditOf(t, id, 'contact.updated');
    expect(entries.map((e) => e.details.fields)).toEqual([
      ['name', 'address'],
      ['emails', 'phones', 'coordinatorId'],
    ]);
  });

  it('answers 404 for an unknown contact and 400 for a malformed id', async () => {
    await expectRefused(t, 404, () => agent.patch(`/api/v1/contacts/${UNKNOWN_ID}`, { name: 'X' }));
    await expectInvalid(t, 'params.id', () => agent.patch('/api/v1/contacts/42', { name: 'X' }));
  });

  it('rejects every bad field with 400 naming it and writes nothing', async () => {
    const jane = await janeOf(agent);
    const cases: [string, Record<string, unknown>][] = [
      ['body.name', { name: '  ' }],
      ['body.emails.0.address', { emails: [{ address: '@example.com' }] }],
      ['body.emails.0.label', { emails: [{ address: 'a@example.com', label: 7 }] }],
      ['body.phones.0.number', { phones: [{ number: '+1 000' }] }],
      ['body.phones.1.number', { phones: [{ number: '2025550143' }, { number: '+12025550143' }] }],
      ['body.phones.0.label', { phones: [{ number: '2025550143', label: 'x'.repeat(51) }] }],
      ['body.address', { address: ['street'] }],
      ['body.coordinatorId', { coordinatorId: UNKNOWN_ID }],
      ['body.coordinatorId', { coordinatorId: 5 }],
    ];
    for (const [field, body] of cases)
      await expectInvalid(t, field, () => agent.patch(`/api/v1/contacts/${jane.id}`, body));
    expect(await janeOf(agent)).toEqual(jane);
  });
});
