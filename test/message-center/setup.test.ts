import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../conversations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, makeUser, type StaffUser } from '../support/factories';
import { customerTexts, freshPhone, makeAgent, makeSetup, makeTeam } from './helpers';

describe('Message Center setup: groups, locations, campaigns, quick replies', () => {
  let t: TestApp;
  let firm: Firm;
  let other: Firm;
  let agent: StaffUser;
  let attorney: StaffUser;
  let teamId: string;

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    other = await makeFirm(t);
    agent = await makeAgent(t, firm);
    attorney = await makeUser(t, firm, { role: 'attorney' });
    teamId = await makeTeam(firm, [agent]);
  });
  afterAll(async () => t.close());

  it('creates, lists, renames and deletes a group; agents read, only settings.manage writes', async () => {
    const admin = firm.admin.client;
    const created = await admin.post('/api/v1/groups', { name: '  North  ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'North' });
    const id = created.body.id;
    const listed = await agent.client.get('/api/v1/groups');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((g: { id: string }) => g.id)).toContain(id);
    expect(listed.body).toHaveProperty('nextCursor');
    expectProblem(await attorney.client.get('/api/v1/groups'), 403);
    expectProblem(await agent.client.post('/api/v1/groups', { name: 'X' }), 403);
    const renamed = await admin.patch(`/api/v1/groups/${id}`, { name: 'North East' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('North East');
    expect((await admin.delete(`/api/v1/groups/${id}`)).status).toBe(204);
    expectProblem(await admin.patch(`/api/v1/groups/${id}`, { name: 'Gone' }), 404);
  });

  it('paginates groups with a cursor', async () => {
    const admin = other.admin.client;
    for (const name of ['A', 'B', 'C'])
      expect((await admin.post('/api/v1/groups', { name })).status).toBe(201);
    const first = await admin.get('/api/v1/groups?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await admin.get(`/api/v1/groups?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((g: { name: string }) => g.name)).toEqual(['C']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const admin = firm.admin.client;
    const group = await admin.post('/api/v1/groups', { name: '' });
    expectProblem(group, 400, 'validation');
    const g = (await admin.post('/api/v1/groups', { name: 'Valid' })).body;
    const location = await admin.post('/api/v1/locations', {
      groupId: g.id,
      name: 'Loc',
      serviceArea: { lat: 95, lng: -71, idealMiles: 30, maxMiles: 10 },
    });
    expectProblem(location, 400, 'validation');
    const fields = location.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.serviceArea.lat', 'body.serviceArea.maxMiles']));
    const campaign = await admin.post('/api/v1/campaigns', {
      locationId: 'not-a-uuid',
      name: '',
      phone: '12',
      teamId,
    });
    expectProblem(campaign, 400, 'validation');
    expect(campaign.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['body.locationId', 'body.name', 'body.phone']),
    );
    const locations = await admin.get(`/api/v1/locations?groupId=${g.id}`);
    expect(locations.body.items).toEqual([]);
  });

  it('keeps the service area: centre from lat/lng, a ZIP code kept beside it, removable', async () => {
    const admin = firm.admin.client;
    const g = (await admin.post('/api/v1/groups', { name: 'Areas' })).body;
    const loc = await admin.post('/api/v1/locations', {
      groupId: g.id,
      name: 'Boston',
      serviceArea: { postalCode: '02110', lat: 42.357, lng: -71.052, idealMiles: 10, maxMiles: 30 },
    });
    expect(loc.status).toBe(201);
    expect(loc.body.serviceArea).toEqual({
      centre: { lat: 42.357, lng: -71.052 },
      postalCode: '02110',
      idealMiles: 10,
      maxMiles: 30,
    });
    const bare = await admin.post('/api/v1/locations', { groupId: g.id, name: 'No area' });
    expect(bare.body.serviceArea).toBeNull();
    const patched = await admin.patch(`/api/v1/locations/${loc.body.id}`, {
      serviceArea: null,
      name: 'Boston HQ',
    });
    expect(patched.body).toMatchObject({ name: 'Boston HQ', serviceArea: null });
    const byGroup = await agent.client.get(`/api/v1/locations?groupId=${g.id}`);
    expect(byGroup.body.items.map((l: { name: string }) => l.name)).toEqual(['Boston HQ', 'No area']);
  });

  it('creates a campaign on a number in any format, stored E.164 and routed to the team; 409 when the number is taken', async () => {
    const admin = firm.admin.client;
    const setup = await makeSetup(firm, teamId);
    const phone = freshPhone('617');
    const typed = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
    const created = await admin.post('/api/v1/campaigns', {
      locationId: setup.locationId,
      name: 'Spring promo',
      phone: typed,
      teamId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      phone,
      teamId,
      groupId: setup.groupId,
      locationId: setup.locationId,
      helpText: '',
    });
    const [registered] = await t.database.query<{ purpose: string; firm_id: string }>(
      'select purpose, firm_id from firm_numbers where e164 = $1',
      [phone],
    );
    expect(registered).toEqual({ purpose: 'campaign', firm_id: firm.id });
    // The same number again, here or in another firm, or a secure-chat pool number.
    expectProblem(
      await admin.post('/api/v1/campaigns', { locationId: setup.locationId, name: 'Again', phone, teamId }),
      409,
      'number-taken',
    );
    const otherSetupTeam = await makeTeam(other, []);
    const otherGroup = (await other.admin.client.post('/api/v1/groups', { name: 'G' })).body;
    const otherLoc = (
      await other.admin.client.post('/api/v1/locations', { groupId: otherGroup.id, name: 'L' })
    ).body;
    expectProblem(
      await other.admin.client.post('/api/v1/campaigns', {
        locationId: otherLoc.id,
        name: 'Steal',
        phone,
        teamId: otherSetupTeam,
      }),
      409,
      'number-taken',
    );
    expectProblem(
      await admin.post('/api/v1/campaigns', {
        locationId: setup.locationId,
        name: 'Pool',
        phone: firm.secureChatNumbers[0],
        teamId,
      }),
      409,
      'number-taken',
    );
    const patched = await admin.patch(`/api/v1/campaigns/${created.body.id}`, {
      helpText: 'Call us',
      name: 'Summer',
    });
    expect(patched.body).toMatchObject({ helpText: 'Call us', name: 'Summer', phone });
    const listed = await agent.client.get(`/api/v1/campaigns?locationId=${setup.locationId}`);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([setup.campaign.id, created.body.id]);
  });

  it('answers 404 for another firm’s objects and references, and changes nothing', async () => {
    const setup = await makeSetup(firm, teamId);
    const foreign = other.admin.client;
    expectProblem(await foreign.patch(`/api/v1/groups/${setup.groupId}`, { name: 'x' }), 404);
    expectProblem(await foreign.delete(`/api/v1/locations/${setup.locationId}`), 404);
    expectProblem(await foreign.patch(`/api/v1/campaigns/${setup.campaign.id}`, { name: 'x' }), 404);
    expectProblem(await foreign.delete(`/api/v1/campaigns/${setup.campaign.id}`), 404);
    expectProblem(await foreign.post('/api/v1/locations', { groupId: setup.groupId, name: 'x' }), 404);
    expectProblem(
      await foreign.post('/api/v1/quick-replies', { groupId: setup.groupId, title: 't', body: 'b' }),
      404,
    );
    const otherTeam = await makeTeam(other, []);
    expectProblem(
      await firm.admin.client.patch(`/api/v1/campaigns/${setup.campaign.id}`, { teamId: otherTeam }),
      404,
    );
    expect(
      (await foreign.get('/api/v1/campaigns')).body.items.map((c: { id: string }) => c.id),
    ).not.toContain(setup.campaign.id);
    const mine = await firm.admin.client.get(`/api/v1/campaigns?locationId=${setup.locationId}`);
    expect(mine.body.items[0]).toMatchObject({ name: setup.campaign.name, teamId });
  });

  it('refuses to delete what is in use: a group with locations, a location with campaigns, a campaign with open conversations', async () => {
    const admin = firm.admin.client;
    const setup = await makeSetup(firm, teamId);
    expectProblem(await admin.delete(`/api/v1/groups/${setup.groupId}`), 409, 'group-in-use');
    expectProblem(await admin.delete(`/api/v1/locations/${setup.locationId}`), 409, 'location-in-use');
    const text = await customerTexts(admin, freshPhone('415'), setup.campaign.phone, 'Hi');
    expectProblem(await admin.delete(`/api/v1/campaigns/${setup.campaign.id}`), 409, 'campaign-in-use');
    expect((await admin.post(`/api/v1/conversations/${text.conversationId}/close`)).status).toBe(200);
    expect((await admin.delete(`/api/v1/campaigns/${setup.campaign.id}`)).status).toBe(204);
    // The number is released; the closed conversation still names its campaign.
    const rows = await t.database.query('select 1 from firm_numbers where e164 = $1', [setup.campaign.phone]);
    expect(rows).toHaveLength(0);
    const closed = await admin.get(`/api/v1/conversations/${text.conversationId}`);
    expect(closed.body.messageCenter.campaign).toMatchObject({
      id: setup.campaign.id,
      name: setup.campaign.name,
    });
    expect((await admin.delete(`/api/v1/locations/${setup.locationId}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/groups/${setup.groupId}`)).status).toBe(204);
  });

  it('manages quick replies per group', async () => {
    const admin = firm.admin.client;
    const g = (await admin.post('/api/v1/groups', { name: 'Replies' })).body;
    const created = await admin.post('/api/v1/quick-replies', {
      groupId: g.id,
      title: 'Hours',
      body: 'We are open 8–6, Monday to Friday.',
    });
    expect(created.status).toBe(201);
    expectProblem(
      await admin.post('/api/v1/quick-replies', { groupId: g.id, title: 'Empty', body: '   ' }),
      400,
    );
    expectProblem(
      await agent.client.post('/api/v1/quick-replies', { groupId: g.id, title: 'x', body: 'y' }),
      403,
    );
    const listed = await agent.client.get(`/api/v1/quick-replies?groupId=${g.id}`);
    expect(listed.body.items).toEqual([created.body]);
    const patched = await admin.patch(`/api/v1/quick-replies/${created.body.id}`, { title: 'Opening hours' });
    expect(patched.body).toMatchObject({ title: 'Opening hours', body: created.body.body });
    expect((await admin.delete(`/api/v1/quick-replies/${created.body.id}`)).status).toBe(204);
    expect((await agent.client.get(`/api/v1/quick-replies?groupId=${g.id}`)).body.items).toEqual([]);
    expectProblem(await admin.delete(`/api/v1/quick-replies/${created.body.id}`), 404);
  });
});
