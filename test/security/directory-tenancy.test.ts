import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { createFirm } from '../../server/features/users/create-firm';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { expectInvalid, expectRefused } from '../support/directory';

// A second firm's admin must not reach the demo firm's users, teams, contacts or matters: every id
// of the other firm answers 404 (never 403), and no list shows the other firm's rows.

let t: TestApp;
let demoAdmin: TestClient;
let other: TestClient;
let demo: { userId: string; teamId: string; contactId: string; matterId: string };
let otherIds: { adminId: string; contactId: string; matterId: string; teamId: string };

beforeAll(async () => {
  t = await startTestApp();
  demoAdmin = await t.signIn(demoLogins.admin);
  const firm = await createFirm(t.deps, {
    name: 'Other Firm LLP',
    admin: { email: 'admin@other.parley.test', name: 'Olive Other', password: 'other-firm-password' },
  });
  other = await t.signIn('admin@other.parley.test', 'other-firm-password');
  demo = {
    userId: (await demoAdmin.get('/api/v1/users?q=attorney1')).body.items[0].id,
    teamId: (await demoAdmin.get('/api/v1/teams')).body.items[0].id,
    contactId: (await demoAdmin.get('/api/v1/contacts')).body.items[0].id,
    matterId: (await demoAdmin.get('/api/v1/matters')).body.items[0].id,
  };
  const contact = await other.post('/api/v1/contacts', {
    name: 'Other Client',
    phones: [{ number: '(202) 555-0143' }],
  });
  const matter = await other.post('/api/v1/matters', {
    number: '2026-0001',
    name: 'Same number, other firm',
    ownerId: firm.adminId,
    assigneeIds: [firm.adminId],
    contactIds: [contact.body.id],
  });
  const team = await other.post('/api/v1/teams', { name: 'Sales', kind: 'team', memberIds: [firm.adminId] });
  otherIds = {
    adminId: firm.adminId,
    contactId: contact.body.id,
    matterId: matter.body.id,
    teamId: team.body.id,
  };
});
afterAll(() => t.close());

describe('a second firm', () => {
  it('creates its own rows, reusing numbers, names and phones the demo firm has', () => {
    expect(otherIds.contactId).toEqual(expect.any(String));
    expect(otherIds.matterId).toEqual(expect.any(String));
    expect(otherIds.teamId).toEqual(expect.any(String));
  });

  it('answers 404 to every read of the demo firm’s ids', async () => {
    for (const path of [
      `/api/v1/users/${demo.userId}`,
      `/api/v1/teams/${demo.teamId}`,
      `/api/v1/contacts/${demo.contactId}`,
      `/api/v1/matters/${demo.matterId}`,
    ]) {
      const r = await other.get(path);
      expect(r.status, path).toBe(404);
      expect(r.body.type).toBe('/problems/not-found');
    }
  });

  it('answers 404 to every write on the demo firm’s ids and changes nothing', async () => {
    await expectRefused(t, 404, () => other.patch(`/api/v1/users/${demo.userId}`, { active: false }));
    await expectRefused(t, 404, () =>
      other.put(`/api/v1/teams/${demo.teamId}/members`, { userIds: [otherIds.adminId] }),
    );
    await expectRefused(t, 404, () => other.patch(`/api/v1/contacts/${demo.contactId}`, { name: 'Taken' }));
    await expectRefused(t, 404, () => other.patch(`/api/v1/matters/${demo.matterId}`, { status: 'closed' }));
    await expectRefused(t, 404, () =>
      other.post(`/api/v1/matters/${demo.matterId}/contacts`, { contactId: otherIds.contactId }),
    );
    await expectRefused(t, 404, () =>
      other.delete(`/api/v1/matters/${demo.matterId}/contacts/${demo.contactId}`),
    );
  });

  it('cannot reference the demo firm’s users or contacts from its own objects', async () => {
    await expectInvalid(t, 'body.ownerId', () =>
      other.post('/api/v1/matters', { number: 'X-1', name: 'X', ownerId: demo.userId, assigneeIds: [] }),
    );
    await expectInvalid(t, 'body.assigneeIds.0', () =>
      other.patch(`/api/v1/matters/${otherIds.matterId}`, { assigneeIds: [demo.userId] }),
    );
    await expectInvalid(t, 'body.contactId', () =>
      other.post(`/api/v1/matters/${otherIds.matterId}/contacts`, { contactId: demo.contactId }),
    );
    await expectInvalid(t, 'body.memberIds.0', () =>
      other.post('/api/v1/teams', { name: 'Spies', kind: 'circle', memberIds: [demo.userId] }),
    );
    await expectInvalid(t, 'body.coordinatorId', () =>
      other.post('/api/v1/contacts', { name: 'X', coordinatorId: demo.userId }),
    );
  });

  it('lists only its own rows, and the demo firm never sees the second firm’s', async () => {
    const own = async (c: TestClient, path: string) =>
      (await c.get(`/api/v1/${path}${path.includes('?') ? '&' : '?'}limit=200`)).body.items.map(
        (x: any) => x.id,
      );
    expect(await own(other, 'users')).toEqual([otherIds.adminId]);
    expect(await own(other, 'teams')).toEqual([otherIds.teamId]);
    expect(await own(other, 'contacts')).toEqual([otherIds.contactId]);
    expect(await own(other, 'matters')).toEqual([otherIds.matterId]);
    expect(await own(other, 'contacts?q=555-0143')).toEqual([otherIds.contactId]);
    expect(await own(demoAdmin, 'users')).not.toContain(otherIds.adminId);
    expect(await own(demoAdmin, 'teams')).not.toContain(otherIds.teamId);
    expect(await own(demoAdmin, 'contacts')).not.toContain(otherIds.contactId);
    expect(await own(demoAdmin, 'matters')).not.toContain(otherIds.matterId);
    expect((await demoAdmin.get(`/api/v1/matters/${otherIds.matterId}`)).status).toBe(404);
  });

  it('cannot filter its lists by the demo firm’s ids to learn anything', async () => {
    expect((await other.get(`/api/v1/contacts?coordinatorId=${demo.userId}`)).body.items).toEqual([]);
    expect((await other.get(`/api/v1/matters?contactId=${demo.contactId}`)).body.items).toEqual([]);
    expect((await other.get(`/api/v1/matters?ownerId=${demo.userId}`)).body.items).toEqual([]);
  });
});
