import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcConsumers } from '../../server/platform/db/schema';
import { expectProblem } from '../conversations/helpers';
import { openStream } from '../realtime/stream-client';
import { nextMatching } from '../secure-chat/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, makeUser, type StaffUser } from '../support/factories';
import { customerTexts, dashboard, freshPhone, makeAgent, makeSetup, makeTeam, type Setup } from './helpers';

const details = {
  name: 'Rosa Delgado',
  address: '1 Federal St, Boston, MA 02110',
  email: 'rosa.delgado@example.com',
  potentialLead: true,
  existingCustomer: false,
  interestedIn: 'service',
  preferredTime: 'evening',
};

describe('Message Center consumer details', () => {
  let t: TestApp;
  let firm: Firm;
  let other: Firm;
  let agent: StaffUser;
  let teammate: StaffUser;
  let otherTeam: StaffUser;
  let supervisor: StaffUser;
  let sales: Setup;
  let elsewhere: Setup;

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    other = await makeFirm(t);
    agent = await makeAgent(t, firm, 'Cora Claimer');
    teammate = await makeAgent(t, firm, 'Tim Teammate');
    otherTeam = await makeAgent(t, firm, 'Olga Other');
    supervisor = await makeUser(t, firm, { role: 'staff', permissions: ['message_center.view_all'] });
    sales = await makeSetup(firm, await makeTeam(firm, [agent, teammate]));
    elsewhere = await makeSetup(firm, await makeTeam(firm, [otherTeam]));
  });
  afterAll(async () => t.close());

  /** A new conversation from a new customer, claimed by `agent`. */
  async function claimedConversation(customer = freshPhone('415')) {
    const text = await customerTexts(
      agent.client,
      customer,
      sales.campaign.phone,
      'Hi, do you service boilers?',
    );
    const id = text.conversationId as string;
    const claim = await agent.client.post(`/api/v1/conversations/${id}/claim`, {});
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    return { id, customer };
  }

  it('saves the details on the conversation, answers them with the service area, and reads them back', async () => {
    const { id } = await claimedConversation();
    const before = await agent.client.get(`/api/v1/conversations/${id}`);
    expect(before.body).toMatchObject({ consumer: null, serviceArea: null, consumerEditable: true });

    const put = await agent.client.put(`/api/v1/conversations/${id}/consumer`, details);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const { address: _address, ...answers } = details;
    expect(put.body.consumer).toMatchObject({
      ...answers,
      address: details.address,
      place: { postalCode: '02110', city: 'Boston', state: 'MA' },
    });
    // The test location is centred on 42.36, -71.06 with 10 and 25 miles.
    expect(put.body.serviceArea).toMatchObject({ zone: 'ideal', idealMiles: 10, maxMiles: 25 });
    expect(put.body.serviceArea.miles).toBeLessThan(1);

    const read = await agent.client.get(`/api/v1/conversations/${id}`);
    expect(read.body.consumer).toEqual(put.body.consumer);
    const [row] = await dashboard(agent.client, 'open', `&q=${encodeURIComponent(read.body.contactPhone)}`);
    expect(row.serviceArea).toEqual(put.body.serviceArea);
    // Lists carry the verdict, never the details.
    expect(row.consumer).toBeUndefined();
  });

  it('clears the lead answers when the customer is not a potential lead, and replaces the record on save', async () => {
    const { id } = await claimedConversation();
    await agent.client.put(`/api/v1/conversations/${id}/consumer`, details);
    const put = await agent.client.put(`/api/v1/conversations/${id}/consumer`, {
      ...details,
      name: 'Rosa D.',
      potentialLead: false,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.consumer).toMatchObject({
      name: 'Rosa D.',
      potentialLead: false,
      existingCustomer: null,
      interestedIn: null,
      preferredTime: null,
    });
  });

  it('shows the saved details on a later conversation from the same number', async () => {
    const { id, customer } = await claimedConversation();
    expect((await agent.client.put(`/api/v1/conversations/${id}/consumer`, details)).status).toBe(200);
    expect((await agent.client.post(`/api/v1/conversations/${id}/close`, {})).status).toBe(200);

    const again = await customerTexts(agent.client, customer, sales.campaign.phone, 'Me again');
    expect(again.conversationId).not.toBe(id);
    const later = await teammate.client.get(`/api/v1/conversations/${again.conversationId}`);
    expect(later.status).toBe(200);
    expect(later.body.consumer).toMatchObject({ name: details.name, email: details.email });
    expect(later.body.serviceArea).toMatchObject({ zone: 'ideal' });
    // Before anyone claims the new conversation, agents read the details but do not change them.
    expect(later.body.consumerEditable).toBe(false);
  });

  it('lets the claiming agent and supervisors edit; teammates read; another team and another firm get 404', async () => {
    const { id } = await claimedConversation();
    expect((await agent.client.put(`/api/v1/conversations/${id}/consumer`, details)).status).toBe(200);

    const asTeammate = await teammate.client.get(`/api/v1/conversations/${id}`);
    expect(asTeammate.body.consumer).toMatchObject({ name: details.name });
    expect(asTeammate.body.consumerEditable).toBe(false);
    expectProblem(await teammate.client.put(`/api/v1/conversations/${id}/consumer`, { name: 'Nope' }), 403);

    const bySupervisor = await supervisor.client.put(`/api/v1/conversations/${id}/consumer`, {
      ...details,
      name: 'Rosa Delgado-Smith',
    });
    expect(bySupervisor.status, JSON.stringify(bySupervisor.body)).toBe(200);
    expect(bySupervisor.body.consumerEditable).toBe(true);

    expectProblem(await otherTeam.client.get(`/api/v1/conversations/${id}`), 404);
    expectProblem(await otherTeam.client.put(`/api/v1/conversations/${id}/consumer`, details), 404);
    expectProblem(await other.admin.client.get(`/api/v1/conversations/${id}`), 404);
    expectProblem(await other.admin.client.put(`/api/v1/conversations/${id}/consumer`, details), 404);

    const after = await agent.client.get(`/api/v1/conversations/${id}`);
    expect(after.body.consumer.name).toBe('Rosa Delgado-Smith');
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['interestedIn', { interestedIn: 'both' }],
    ['preferredTime', { preferredTime: 'night' }],
    ['potentialLead', { potentialLead: 'yes' }],
    ['name', { name: 'Line\u0000break' }],
  ])('refuses an invalid %s with 400 naming the field, changing nothing', async (field, bad) => {
    const { id } = await claimedConversation();
    expect((await agent.client.put(`/api/v1/conversations/${id}/consumer`, details)).status).toBe(200);
    const r = await agent.client.put(`/api/v1/conversations/${id}/consumer`, { ...details, ...bad });
    expectProblem(r, 400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(`body.${field}`);
    const after = await agent.client.get(`/api/v1/conversations/${id}`);
    expect(after.body.consumer).toMatchObject({
      email: details.email,
      interestedIn: 'service',
      name: details.name,
    });
  });

  it('keeps the details encrypted at rest', async () => {
    const { id, customer } = await claimedConversation();
    expect((await agent.client.put(`/api/v1/conversations/${id}/consumer`, details)).status).toBe(200);
    const [row] = await t.deps.db
      .select()
      .from(mcConsumers)
      .where(and(eq(mcConsumers.firmId, firm.id), eq(mcConsumers.phone, customer)));
    expect(row).toBeDefined();
    const raw = JSON.stringify(row);
    for (const plain of [
      'Rosa',
      'Delgado',
      'Federal',
      '02110',
      'Boston',
      'example.com',
      'evening',
      'service',
    ])
      expect(raw).not.toContain(plain);
  });

  it('audits changes and reads of the details, without their content', async () => {
    const { id } = await claimedConversation();
    expect((await agent.client.put(`/api/v1/conversations/${id}/consumer`, details)).status).toBe(200);
    expect((await teammate.client.get(`/api/v1/conversations/${id}`)).status).toBe(200);
    const admin = firm.admin.client;
    const changed = await admin.get('/api/v1/audit?action=message_center.consumer_updated&limit=200');
    expect(changed.body.items.find((e: { targetId: string }) => e.targetId === id)).toMatchObject({
      actorId: agent.id,
      targetType: 'conversation',
    });
    const reads = await admin.get('/api/v1/audit?action=message_center.consumer_read&limit=200');
    expect(
      reads.body.items.some(
        (e: { targetId: string; actorId: string }) => e.targetId === id && e.actorId === teammate.id,
      ),
    ).toBe(true);
    expect(JSON.stringify([changed.body, reads.body])).not.toContain('Rosa');
    expect((await admin.get('/api/v1/audit/verify')).body.ok).toBe(true);
  });

  it('tells the team live that the details changed', async () => {
    const { id } = await claimedConversation();
    const stream = await openStream(t.url, { session: teammate.client.cookie('parley_session') });
    const outsider = await openStream(t.url, { session: otherTeam.client.cookie('parley_session') });
    try {
      await Promise.all([stream.next('ready'), outsider.next('ready')]);
      expect((await agent.client.put(`/api/v1/conversations/${id}/consumer`, details)).status).toBe(200);
      const frame = await nextMatching(
        stream,
        'conversation.updated',
        (d) => d.id === id && d.reason === 'details',
      );
      expect(frame.data).toMatchObject({ id, reason: 'details' });
      // A later event the outsider does see proves the details event was not merely late.
      const marker = await customerTexts(
        otherTeam.client,
        freshPhone('415'),
        elsewhere.campaign.phone,
        'marker',
      );
      await nextMatching(outsider, 'conversation.created', (d) => d.id === marker.conversationId);
      expect(outsider.frames.some((f) => f.type === 'conversation.updated' && f.data.id === id)).toBe(false);
    } finally {
      stream.ws.close();
      outsider.ws.close();
    }
  });
});
