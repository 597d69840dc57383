import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../conversations/helpers';
import { openStream } from '../realtime/stream-client';
import { nextMatching } from '../secure-chat/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, makeUser, type StaffUser } from '../support/factories';
import {
  customerTexts,
  dashboard,
  freshPhone,
  makeAgent,
  makeSetup,
  makeTeam,
  phoneInbox,
  type Setup,
} from './helpers';

async function claimed(agent: StaffUser, setup: Setup, body = 'Hello?') {
  const customer = freshPhone('415');
  const text = await customerTexts(agent.client, customer, setup.campaign.phone, body);
  const id = text.conversationId as string;
  const claim = await agent.client.post(`/api/v1/conversations/${id}/claim`);
  expect(claim.status, JSON.stringify(claim.body)).toBe(200);
  return { id, customer };
}

const ids = (items: { id: string }[]) => items.map((c) => c.id);

describe('Message Center cold transfers', () => {
  let t: TestApp;
  let firm: Firm;
  let other: Firm;
  let sales1: StaffUser;
  let sales2: StaffUser;
  let service1: StaffUser;
  let service2: StaffUser;
  let supervisor: StaffUser;
  let attorney: StaffUser;
  let sales: Setup;
  let serviceTeam: string;
  let circle: string;

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    other = await makeFirm(t);
    sales1 = await makeAgent(t, firm, 'Sam Sales');
    sales2 = await makeAgent(t, firm, 'Sue Sales');
    service1 = await makeAgent(t, firm, 'Sid Service');
    service2 = await makeAgent(t, firm, 'Sia Service');
    supervisor = await makeUser(t, firm, { role: 'staff', permissions: ['message_center.view_all'] });
    attorney = await makeUser(t, firm, { role: 'attorney' });
    const salesTeam = await makeTeam(firm, [sales1, sales2]);
    serviceTeam = await makeTeam(firm, [service1, service2]);
    sales = await makeSetup(firm, salesTeam);
    await makeSetup(firm, serviceTeam);
    const c = await firm.admin.client.post('/api/v1/teams', { name: `Circle ${Date.now()}`, kind: 'circle' });
    expect(c.status).toBe(201);
    circle = c.body.id;
  });
  afterAll(async () => t.close());

  it('hands a conversation to another team’s queue: their agents see it live and are notified, the previous agent loses it', async () => {
    const s1 = await openStream(t.url, { session: sales1.client.cookie('parley_session') });
    const sv = await openStream(t.url, { session: service1.client.cookie('parley_session') });
    try {
      await Promise.all([s1.next('ready'), sv.next('ready')]);
      const { id, customer } = await claimed(sales1, sales, 'My boiler is broken');
      await sales1.client.post(`/api/v1/conversations/${id}/messages`, {
        body: 'Checking',
        visibility: 'note',
      });
      const r = await sales1.client.post(`/api/v1/conversations/${id}/transfer`, {
        toTeamId: serviceTeam,
        mode: 'cold',
        note: 'Boiler repair: a Service question',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({
        conversationId: id,
        mode: 'cold',
        status: 'completed',
        by: { id: sales1.id, name: 'Sam Sales' },
        fromAgent: { id: sales1.id },
        fromTeam: { id: sales.teamId },
        toAgent: null,
        toTeam: { id: serviceTeam },
        note: 'Boiler repair: a Service question',
      });

      // The Service agents hear of it and see it unclaimed in their queue; the previous agent hears once and loses it.
      const arrived = await nextMatching(sv, 'conversation.updated', (d) => d.id === id);
      expect(arrived.data.reason).toBe('transfer');
      await nextMatching(s1, 'conversation.updated', (d) => d.id === id && d.reason === 'transfer');
      const note = await nextMatching(sv, 'notification.created', (d) => d.conversationId === id);
      expect(note.data.kind).toBe('message_center.transfer');
      expect(note.data.title).toMatch(/^Sam Sales transferred a conversation to Team /);
      for (const agent of [service1, service2]) {
        expect(ids(await dashboard(agent.client, 'unassigned'))).toContain(id);
        const n = await agent.client.get('/api/v1/notifications');
        expect(
          n.body.items.some((x: any) => x.conversationId === id && x.kind === 'message_center.transfer'),
        ).toBe(true);
      }
      const detail = await service1.client.get(`/api/v1/conversations/${id}`);
      expect(detail.body).toMatchObject({ teamId: serviceTeam, assigneeId: null, alert: 'unclaimed' });
      expect(detail.body.members.filter((m: any) => m.type === 'user')).toEqual([]);
      for (const agent of [sales1, sales2]) {
        expectProblem(await agent.client.get(`/api/v1/conversations/${id}`), 404);
        expect(ids(await dashboard(agent.client))).not.toContain(id);
      }
      expect(ids(await dashboard(supervisor.client))).toContain(id);

      // History, notes and the handoff note (internal, blue) stay; the customer got nothing.
      const messages = await service1.client.get(`/api/v1/conversations/${id}/messages`);
      expect(messages.body.items.map((m: any) => [m.visibility, m.body])).toEqual([
        ['internal', 'Boiler repair: a Service question'],
        ['note', 'Checking'],
        ['public', 'My boiler is broken'],
      ]);
      expect(await phoneInbox(firm.admin.client, customer)).toEqual([]);
      const log = await service1.client.get(`/api/v1/conversations/${id}/transfers`);
      expect(log.status).toBe(200);
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0]).toMatchObject({
        mode: 'cold',
        status: 'completed',
        toTeam: { id: serviceTeam },
      });

      // A Service agent claims and texts on from here.
      expect((await service2.client.post(`/api/v1/conversations/${id}/claim`)).status).toBe(200);
      const reply = await service2.client.post(`/api/v1/conversations/${id}/messages`, {
        body: 'Service here',
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    } finally {
      s1.ws.close();
      sv.ws.close();
    }
  });

  it('hands a conversation to an agent of another team: theirs, claimed, in their team', async () => {
    const { id } = await claimed(sales1, sales);
    const r = await sales1.client.post(`/api/v1/conversations/${id}/transfer`, {
      toUserId: service1.id,
      mode: 'cold',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      toAgent: { id: service1.id, name: 'Sid Service' },
      toTeam: { id: serviceTeam },
      note: null,
    });
    const detail = await service1.client.get(`/api/v1/conversations/${id}`);
    expect(detail.body).toMatchObject({ teamId: serviceTeam, assigneeId: service1.id });
    expect(detail.body.messageCenter.agent).toEqual({ id: service1.id, name: 'Sid Service' });
    expect(ids(await dashboard(service1.client, 'mine'))).toContain(id);
    expect(ids(await dashboard(service2.client))).toContain(id);
    expectProblem(await sales1.client.get(`/api/v1/conversations/${id}`), 404);
    const n = await service1.client.get('/api/v1/notifications');
    expect(n.body.items.find((x: any) => x.conversationId === id)?.title).toBe(
      'Sam Sales transferred a conversation to you',
    );
    const audit = await firm.admin.client.get('/api/v1/audit');
    expect(
      audit.body.items.some((e: any) => e.action === 'message_center.transferred' && e.targetId === id),
    ).toBe(true);
  });

  it('a colleague of the same team keeps the team; a supervisor transfers any conversation', async () => {
    const { id } = await claimed(sales1, sales);
    const r = await supervisor.client.post(`/api/v1/conversations/${id}/transfer`, {
      toUserId: sales2.id,
      mode: 'cold',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const detail = await sales2.client.get(`/api/v1/conversations/${id}`);
    expect(detail.body).toMatchObject({ teamId: sales.teamId, assigneeId: sales2.id });
    // Sam still sees it (his team) but no longer holds it.
    const mine = await dashboard(sales1.client, 'mine');
    expect(ids(mine)).not.toContain(id);
    expect(ids(await dashboard(sales1.client))).toContain(id);
  });

  it('only the holder or a supervisor transfers, and bad targets change nothing', async () => {
    const { id } = await claimed(sales1, sales);
    const post = (u: StaffUser, body: object) => u.client.post(`/api/v1/conversations/${id}/transfer`, body);
    expectProblem(await post(sales2, { toTeamId: serviceTeam, mode: 'cold' }), 403);
    expectProblem(await post(service1, { toTeamId: serviceTeam, mode: 'cold' }), 404);
    expectProblem(await post(sales1, { mode: 'cold' }), 400);
    expectProblem(await post(sales1, { toTeamId: serviceTeam, mode: 'warm' }), 400);
    expectProblem(await post(sales1, { toTeamId: serviceTeam, mode: 'lukewarm' }), 400);
    expectProblem(await post(sales1, { toUserId: attorney.id, mode: 'cold' }), 422, 'not-an-agent');
    expectProblem(await post(sales1, { toTeamId: circle, mode: 'cold' }), 422, 'not-a-team');
    expectProblem(await post(sales1, { toUserId: sales1.id, mode: 'cold' }), 422, 'already-holder');
    expectProblem(
      await post(sales1, { toUserId: service1.id, toTeamId: sales.teamId, mode: 'cold' }),
      422,
      'not-in-team',
    );
    const foreignUser = await post(sales1, { toUserId: other.admin.id, mode: 'cold' });
    expectProblem(foreignUser, 400);
    expect(JSON.stringify(foreignUser.body.errors)).toContain('toUserId');
    const foreignTeam = await other.admin.client.post('/api/v1/teams', { name: 'Elsewhere', kind: 'team' });
    const ft = await post(sales1, { toTeamId: foreignTeam.body.id, mode: 'cold' });
    expectProblem(ft, 400);
    expect(JSON.stringify(ft.body.errors)).toContain('toTeamId');
    // Another firm cannot even find the conversation.
    expectProblem(
      await other.admin.client.post(`/api/v1/conversations/${id}/transfer`, {
        toTeamId: serviceTeam,
        mode: 'cold',
      }),
      404,
    );
    expectProblem(await other.admin.client.get(`/api/v1/conversations/${id}/transfers`), 404);
    const detail = await sales1.client.get(`/api/v1/conversations/${id}`);
    expect(detail.body).toMatchObject({ teamId: sales.teamId, assigneeId: sales1.id });
    expect((await sales1.client.get(`/api/v1/conversations/${id}/transfers`)).body.items).toEqual([]);
    // A closed conversation is not transferred.
    await sales1.client.post(`/api/v1/conversations/${id}/close`);
    expectProblem(await post(sales1, { toTeamId: serviceTeam, mode: 'cold' }), 409, 'conversation-closed');
  });
});
