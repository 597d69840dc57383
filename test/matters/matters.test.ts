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
let attorney1: TestClient;
let attorney2: TestClient;
let agent: TestClient;
let ids: Record<'admin' | 'attorney1' | 'attorney2' | 'agent1', string>;
let contacts: Record<'jane' | 'john' | 'maria', string>;
let roe: any;
let smith: any;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn(demoLogins.admin);
  attorney1 = await t.signIn(demoLogins.attorney1);
  attorney2 = await t.signIn(demoLogins.attorney2);
  agent = await t.signIn(demoLogins.agent1);
  ids = {
    admin: await userIdOf(admin, demoLogins.admin),
    attorney1: await userIdOf(admin, demoLogins.attorney1),
    attorney2: await userIdOf(admin, demoLogins.attorney2),
    agent1: await userIdOf(admin, demoLogins.agent1),
  };
  const list = (await admin.get('/api/v1/contacts')).body.items;
  const idOf = (name: string) => list.find((c: any) => c.name === name).id;
  contacts = { jane: idOf('Jane Roe'), john: idOf('John Smith'), maria: idOf('Maria Garcia') };
  const matters = (await admin.get('/api/v1/matters')).body.items;
  roe = matters.find((m: any) => m.number === '2026-0001');
  smith = matters.find((m: any) => m.number === '2026-0002');
});
afterAll(() => t.close());

const numbers = async (c: TestClient, query = '') =>
  (await c.get(`/api/v1/matters${query}`)).body.items.map((m: any) => m.number);

describe('who sees which matter', () => {
  it('lists only the matters a user owns or is assigned to; admins see all', async () => {
    expect((await numbers(admin)).sort()).toEqual(['2026-0001', '2026-0002']);
    expect(await numbers(attorney1)).toEqual(['2026-0001']);
    expect((await numbers(attorney2)).sort()).toEqual(['2026-0001', '2026-0002']);
    expect(await numbers(agent)).toEqual([]);
  });

  it('answers 404 to someone who is neither owner nor assignee, for reads and writes alike', async () => {
    const created = await attorney1.post('/api/v1/matters', {
      number: 'V-1',
      name: 'Private matter',
      ownerId: ids.attorney1,
      assigneeIds: [ids.attorney1],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await attorney2.get(`/api/v1/matters/${id}`)).status).toBe(404);
    expect((await attorney1.get(`/api/v1/matters/${smith.id}`)).status).toBe(404);
    expect((await agent.get(`/api/v1/matters/${id}`)).status).toBe(404);
    await expectRefused(t, 404, () => attorney2.patch(`/api/v1/matters/${id}`, { name: 'Mine now' }));
    await expectRefused(t, 404, () =>
      attorney2.post(`/api/v1/matters/${id}/contacts`, { contactId: contacts.maria }),
    );
    await expectRefused(t, 404, () =>
      attorney1.delete(`/api/v1/matters/${smith.id}/contacts/${contacts.john}`),
    );
    expect(await numbers(attorney2, '?q=V-1')).toEqual([]);
    expect((await admin.get(`/api/v1/matters/${id}`)).status).toBe(200);
  });

  it('shows every matter to holders of matters.view_all', async () => {
    await admin.post('/api/v1/users', {
      email: 'supervisor@demo.parley.test',
      name: 'Supervisor',
      role: 'staff',
      password: 'a-long-enough-password',
      permissions: ['matters.view_all'],
    });
    const supervisor = await t.signIn('supervisor@demo.parley.test', 'a-long-enough-password');
    expect((await numbers(supervisor)).sort()).toEqual((await numbers(admin)).sort());
    const r = await supervisor.get(`/api/v1/matters/${smith.id}`);
    expect(r.status).toBe(200);
    expect(r.body.abilities).toEqual({ update: false, linkContacts: true });
  });

  it('does not show every matter to holders of secure_chat.view_all: reading every secure chat is another right', async () => {
    const created = await admin.post('/api/v1/users', {
      email: 'chat-reader@demo.parley.test',
      name: 'Chat Reader',
      role: 'staff',
      password: 'a-long-enough-password',
      permissions: ['secure_chat.view_all'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const reader = await t.signIn('chat-reader@demo.parley.test', 'a-long-enough-password');
    expect(await numbers(reader)).toEqual([]);
    expect((await reader.get(`/api/v1/matters/${smith.id}`)).status).toBe(404);
  });
});

describe('GET /api/v1/matters/:id', () => {
  it('answers the matter with its linked contacts and the caller’s abilities', async () => {
    const r = await attorney1.get(`/api/v1/matters/${roe.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      number: '2026-0001',
      name: 'Roe v. Acme Corp.',
      ownerId: ids.attorney1,
      status: 'open',
      contactIds: [contacts.jane],
      contacts: [{ id: contacts.jane, name: 'Jane Roe', portal: { status: 'active' } }],
      abilities: { update: true, linkContacts: true },
    });
    expect(r.body.assigneeIds.sort()).toEqual([ids.attorney1, ids.attorney2].sort());
    expect((await attorney2.get(`/api/v1/matters/${roe.id}`)).body.abilities).toEqual({
      update: false,
      linkContacts: true,
    });
  });

  it('answers 404 for an unknown id and 400 naming params.id for a malformed one', async () => {
    expect((await admin.get(`/api/v1/matters/${UNKNOWN_ID}`)).status).toBe(404);
    const bad = await admin.get('/api/v1/matters/2026-0001');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.id');
  });
});

describe('POST /api/v1/matters', () => {
  it('opens a matter with assignees and contacts, and audits it', async () => {
    const r = await attorney2.post('/api/v1/matters', {
      number: '2026-0100',
      name: 'Garcia lease dispute',
      ownerId: ids.attorney2,
      assigneeIds: [ids.attorney2, ids.agent1],
      contactIds: [contacts.maria, contacts.john],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      number: '2026-0100',
      status: 'open',
      contactIds: [contacts.maria, contacts.john],
      contacts: [
        { id: contacts.maria, name: 'Maria Garcia' },
        { id: contacts.john, name: 'John Smith' },
      ],
    });
    expect((await agent.get(`/api/v1/matters/${r.body.id}`)).status).toBe(200);
    const [entry] = await auditOf(t, r.body.id, 'matter.created');
    expect(entry?.details.ownerId).toBe(ids.attorney2);
    const maria = (await attorney2.get(`/api/v1/contacts/${contacts.maria}`)).body;
    expect(maria.matterIds).toContain(r.body.id);
  });

  it('answers 409 for a number the firm already uses', async () => {
    const r = await expectRefused(t, 409, () =>
      admin.post('/api/v1/matters', {
        number: '2026-0001',
        name: 'Copy',
        ownerId: ids.attorney1,
        assigneeIds: [],
      }),
    );
    expect(r.body.type).toBe('/problems/matter-number-taken');
  });

  it('opens one matter when two requests race for the same number', async () => {
    const body = { number: 'RACE-1', name: 'Race', ownerId: ids.attorney1, assigneeIds: [ids.attorney1] };
    const answers = await Promise.all([
      admin.post('/api/v1/matters', body),
      attorney1.post('/api/v1/matters', body),
      attorney2.post('/api/v1/matters', body),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(await numbers(admin, '?q=RACE-1')).toEqual(['RACE-1']);
  });

  it('rejects every bad field with 400 naming it and writes nothing', async () => {
    const good = { number: '2026-0999', name: 'Bad', ownerId: ids.attorney1, assigneeIds: [ids.attorney1] };
    const cases: [string, Record<string, unknown>][] = [
      ['body.number', { number: '' }],
      ['body.number', { number: 'x'.repeat(51) }],
      ['body.name', { name: '' }],
      ['body.ownerId', { ownerId: 'attorney1' }],
      ['body.ownerId', { ownerId: UNKNOWN_ID }],
      ['body.ownerId', { ownerId: undefined }],
      ['body.assigneeIds', { assigneeIds: undefined }],
      ['body.assigneeIds.0', { assigneeIds: ['x'] }],
      ['body.assigneeIds.1', { assigneeIds: [ids.attorney1, UNKNOWN_ID] }],
      ['body.assigneeIds.1', { assigneeIds: [ids.attorney1, ids.attorney1] }],
      ['body.contactIds.0', { contactIds: [UNKNOWN_ID] }],
      ['body.contactIds.0', { contactIds: [ids.attorney1] }],
      ['body.contactIds', { contactIds: contacts.jane }],
    ];
    for (const [field, change] of cases)
      await expectInvalid(t, field, () => admin.post('/api/v1/matters', { ...good, ...change }));
  });
});

describe('GET /api/v1/matters filters and paging', () => {
  it('filters by text, status, owner, assignee and contact', async () => {
    expect(await numbers(admin, '?q=acme')).toEqual(['2026-0001']);
    expect(await numbers(admin, `?ownerId=${ids.attorney2}&q=2026-000`)).toEqual(['2026-0002']);
    expect(await numbers(admin, `?assigneeId=${ids.attorney1}&q=2026-000`)).toEqual(['2026-0001']);
    expect(await numbers(admin, `?contactId=${contacts.john}&q=2026-000`)).toEqual(['2026-0002']);
    expect(await numbers(admin, '?status=closed')).toEqual([]);
    const bad = await admin.get('/api/v1/matters?status=archived');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('query.status');
  });

  it('pages newest first with limit and nextCursor', async () => {
    for (const n of [1, 2, 3])
      await admin.post('/api/v1/matters', {
        number: `P-${n}`,
        name: `Paged ${n}`,
        ownerId: ids.admin,
        assigneeIds: [],
      });
    const first = await admin.get('/api/v1/matters?q=P-&limit=2');
    expect(first.body.items.map((m: any) => m.number)).toEqual(['P-3', 'P-2']);
    const { items, pages } = await allPages(admin, '/api/v1/matters?q=P-', 2);
    expect(items.map((m) => m.number)).toEqual(['P-3', 'P-2', 'P-1']);
    expect(pages).toBe(2);
    const bad = await admin.get(`/api/v1/matters?cursor=${Buffer.from('["nope"]').toString('base64url')}`);
    expect(bad.status).toBe(400);
  });
});

describe('PATCH /api/v1/matters/:id', () => {
  it('lets the owner rename, reassign and close, and audits the change', async () => {
    const created = await attorney1.post('/api/v1/matters', {
      number: 'U-1',
      name: 'To update',
      ownerId: ids.attorney1,
      assigneeIds: [ids.attorney1],
    });
    const id = created.body.id;
    const r = await attorney1.patch(`/api/v1/matters/${id}`, {
      name: 'Updated',
      assigneeIds: [ids.attorney2],
      status: 'closed',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Updated', assigneeIds: [ids.attorney2], status: 'closed' });
    expect(await numbers(attorney2, '?status=closed')).toContain('U-1');
    const [entry] = await auditOf(t, id, 'matter.updated');
    expect(entry?.details).toMatchObject({
      status: { from: 'open', to: 'closed' },
      assignees: { added: [ids.attorney2], removed: [ids.attorney1] },
    });
    const handed = await admin.patch(`/api/v1/matters/${id}`, { ownerId: ids.attorney2, status: 'open' });
    expect(handed.body).toMatchObject({ ownerId: ids.attorney2, status: 'open' });
    expect((await attorney1.get(`/api/v1/matters/${id}`)).status).toBe(404);
  });

  it('refuses an assignee who is not the owner with 403', async () => {
    await expectRefused(t, 403, () => attorney2.patch(`/api/v1/matters/${roe.id}`, { name: 'Mine' }));
  });

  it('answers 404 for an unknown matter and 400 for a malformed id', async () => {
    await expectRefused(t, 404, () => admin.patch(`/api/v1/matters/${UNKNOWN_ID}`, { name: 'X' }));
    await expectInvalid(t, 'params.id', () => admin.patch('/api/v1/matters/nope', { name: 'X' }));
  });

  it('rejects every bad field with 400 naming it and writes nothing', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['body.name', { name: '' }],
      ['body.ownerId', { ownerId: UNKNOWN_ID }],
      ['body.ownerId', { ownerId: 'x' }],
      ['body.assigneeIds.0', { assigneeIds: [UNKNOWN_ID] }],
      ['body.assigneeIds', { assigneeIds: ids.attorney1 }],
      ['body.status', { status: 'archived' }],
    ];
    for (const [field, body] of cases)
      await expectInvalid(t, field, () => admin.patch(`/api/v1/matters/${roe.id}`, body));
  });
});

describe('matter contacts', () => {
  it('links a contact (201), is idempotent (200), and audits once', async () => {
    const first = await attorney2.post(`/api/v1/matters/${roe.id}/contacts`, { contactId: contacts.maria });
    expect(first.status).toBe(201);
    expect(first.body.contactIds).toEqual([contacts.jane, contacts.maria]);
    expect(first.body.contacts.map((c: any) => c.name)).toEqual(['Jane Roe', 'Maria Garcia']);
    const before = await rowCounts(t);
    const again = await attorney2.post(`/api/v1/matters/${roe.id}/contacts`, { contactId: contacts.maria });
    expect(again.status).toBe(200);
    expect(again.body.contactIds).toEqual([contacts.jane, contacts.maria]);
    expect(await rowCounts(t)).toEqual(before);
    expect(await auditOf(t, roe.id, 'matter.contact_linked')).toHaveLength(1);
  });

  it('links once when the same link is sent twice at the same time', async () => {
    const link = () => attorney1.post(`/api/v1/matters/${roe.id}/contacts`, { contactId: contacts.john });
    const answers = await Promise.all([link(), link()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(await auditOf(t, roe.id, 'matter.contact_linked')).toHaveLength(2);
    expect((await attorney1.delete(`/api/v1/matters/${roe.id}/contacts/${contacts.john}`)).status).toBe(204);
  });

  it('unlinks a contact (204) and answers 404 when it was not linked', async () => {
    const r = await attorney1.delete(`/api/v1/matters/${roe.id}/contacts/${contacts.maria}`);
    expect(r.status).toBe(204);
    expect((await attorney1.get(`/api/v1/matters/${roe.id}`)).body.contactIds).toEqual([contacts.jane]);
    expect((await auditOf(t, roe.id, 'matter.contact_unlinked')).at(-1)?.details).toEqual({
      contactId: contacts.maria,
    });
    await expectRefused(t, 404, () =>
      attorney1.delete(`/api/v1/matters/${roe.id}/contacts/${contacts.maria}`),
    );
    await expectInvalid(t, 'params.contactId', () =>
      attorney1.delete(`/api/v1/matters/${roe.id}/contacts/maria`),
    );
  });

  it('rejects a contact that is not in the firm or malformed with 400 naming body.contactId', async () => {
    await expectInvalid(t, 'body.contactId', () =>
      attorney1.post(`/api/v1/matters/${roe.id}/contacts`, { contactId: UNKNOWN_ID }),
    );
    await expectInvalid(t, 'body.contactId', () =>
      attorney1.post(`/api/v1/matters/${roe.id}/contacts`, { contactId: 'jane' }),
    );
    await expectInvalid(t, 'body.contactId', () => attorney1.post(`/api/v1/matters/${roe.id}/contacts`, {}));
  });
});
