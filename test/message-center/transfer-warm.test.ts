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

const ids = (items: { id: string }[]) => items.map((c) => c.id);

describe('Message Center warm transfers', () => {
  let t: TestApp;
  let firm: Firm;
  let sales1: StaffUser;
  let sales2: StaffUser;
  let service1: StaffUser;
  let service2: StaffUser;
  let supervisor: StaffUser;
  let sales: Setup;
  let serviceTeam: string;

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    sales1 = await makeAgent(t, firm, 'Sam Sales');
    sales2 = await makeAgent(t, firm, 'Sue Sales');
    service1 = await makeAgent(t, firm, 'Sid Service');
    service2 = await makeAgent(t, firm, 'Sia Service');
    supervisor = await makeUser(t, firm, { role: 'staff', permissions: ['message_center.view_all'] });
    const salesTeam = await makeTeam(firm, [sales1, sales2]);
    serviceTeam = await makeTeam(firm, [service1, service2]);
    sales = await makeSetup(firm, salesTeam);
  });
  afterAll(async () => t.close());

  async function claimed() {
    const customer = freshPhone('415');
    const text = await customerTexts(sales1.client, customer, sales.campaign.phone, 'Can you service my AC?');
    const id = text.conversationId as string;
    expect((await sales1.client.post(`/api/v1/conversations/${id}/claim`)).status).toBe(200);
    return { id, customer };
  }

  it('invites a colleague who sees it while pending, chats in internal messages, and takes it on accept', async () => {
    const sv = await openStream(t.url, { session: service1.client.cookie('parley_session') });
    const other = await openStream(t.url, { session: service2.client.cookie('parley_session') });
    try {
      await Promise.all([sv.next('ready'), other.next('ready')]);
      const { id, customer } = await claimed();
      expectProblem(await service1.client.get(`/api/v1/conversations/${id}`), 404);
      const r = await sales1.client.post(`/api/v1/conversations/${id}/transfer`, {
        toUserId: service1.id,
        mode: 'warm',
        note: 'Can you take an AC service question?',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({
        mode: 'warm',
        status: 'pending',
        toAgent: { id: service1.id },
        toTeam: { id: serviceTeam },
      });

      // The invited colleague is told, sees it (list, details, messages), and no one else of their team does yet.
      const told = await nextMatching(sv, 'notification.created', (d) => d.conversationId === id);
      expect(told.data.title).toBe('Sam Sales asks you to take over a conversation');
      await nextMatching(sv, 'conversation.updated', (d) => d.id === id && d.reason === 'transfer');
      expect(ids(await dashboard(service1.client))).toContain(id);
      const seen = await service1.client.get(`/api/v1/conversations/${id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.assigneeId).toBe(sales1.id);
      expectProblem(await service2.client.get(`/api/v1/conversations/${id}`), 404);
      expect(ids(await dashboard(service2.client))).not.toContain(id);

      // They chat in internal messages, both ways, heard live; the colleague cannot text the customer.
      const ask = await service1.client.post(`/api/v1/conversations/${id}/messages`, {
        body: 'Which model is it?',
        visibility: 'internal',
      });
      expect(ask.status, JSON.stringify(ask.body)).toBe(201);
      const answer = await sales1.client.post(`/api/v1/conversations/${id}/messages`, {
        body: 'A 2019 split unit',
        visibility: 'internal',
      });
      expect(answer.status).toBe(201);
      await nextMatching(sv, 'message.created', (d) => d.message.id === answer.body.id);
      expectProblem(
        await service1.client.post(`/api/v1/conversations/${id}/messages`, { body: 'Hi!' }),
        409,
        'claimed',
      );
      // A second transfer waits for this one.
      expectProblem(
        await sales1.client.post(`/api/v1/conversations/${id}/transfer`, {
          toTeamId: serviceTeam,
          mode: 'cold',
        }),
        409,
        'transfer-pending',
      );
      // Only the colleague answers.
      expectProblem(await sales1.client.post(`/api/v1/conversations/${id}/transfer/accept`), 403);

      const accepted = await service1.client.post(`/api/v1/conversations/${id}/transfer/accept`);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', decidedBy: { id: service1.id } });
      await nextMatching(other, 'conversation.updated', (d) => d.id === id && d.reason === 'transfer');
      const detail = await service1.client.get(`/api/v1/conversations/${id}`);
      expect(detail.body).toMatchObject({ assigneeId: service1.id, teamId: serviceTeam });
      expect(ids(await dashboard(service2.client))).toContain(id);
      expectProblem(await sales1.client.get(`/api/v1/conversations/${id}`), 404);
      const n = await sales1.client.get('/api/v1/notifications');
      expect(n.body.items.some((x: any) => x.title === 'Sid Service accepted the transfer')).toBe(true);
      // The internal chat stays in the history, never reached the customer.
      const messages = await service1.client.get(`/api/v1/conversations/${id}/messages`);
      expect(messages.body.items.map((m: any) => [m.visibility, m.body]).slice(0, 3)).toEqual([
        ['internal', 'A 2019 split unit'],
        ['internal', 'Which model is it?'],
        ['internal', 'Can you take an AC service question?'],
      ]);
      expect(await phoneInbox(firm.admin.client, customer)).toEqual([]);
      const log = await service1.client.get(`/api/v1/conversations/${id}/transfers`);
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0]).toMatchObject({
        mode: 'warm',
        status: 'accepted',
        note: 'Can you take an AC service question?',
      });
      expectProblem(await service1.client.post(`/api/v1/conversations/${id}/transfer/accept`), 404);
      expect(
        (await service1.client.post(`/api/v1/conversations/${id}/messages`, { body: 'Sid here' })).status,
      ).toBe(201);
    } finally {
      sv.ws.close();
      other.ws.close();
    }
  });

  it('a declined warm transfer leaves the conversation with its holder and the colleague loses it', async () => {
    const s1 = await openStream(t.url, { session: sales1.client.cookie('parley_session') });
    const sv = await openStream(t.url, { session: service1.client.cookie('parley_session') });
    try {
      await Promise.all([s1.next('ready'), sv.next('ready')]);
      const { id } = await claimed();
      await sales1.client.post(`/api/v1/conversations/${id}/transfer`, {
        toUserId: service1.id,
        mode: 'warm',
      });
      await nextMatching(sv, 'notification.created', (d) => d.conversationId === id);
      const declined = await service1.client.post(`/api/v1/conversations/${id}/transfer/decline`);
      expect(declined.status, JSON.stringify(declined.body)).toBe(200);
      expect(declined.body.status).toBe('declined');
      // The colleague hears once more, then no longer sees it; their transfer notification goes.
      await nextMatching(sv, 'conversation.updated', (d) => d.id === id && d.reason === 'transfer');
      await nextMatching(sv, 'notification.removed', () => true);
      expectProblem(await service1.client.get(`/api/v1/conversations/${id}`), 404);
      const told = await nextMatching(s1, 'notification.created', (d) => d.conversationId === id);
      expect(told.data.title).toBe('Sid Service declined the transfer');
      const detail = await sales1.client.get(`/api/v1/conversations/${id}`);
      expect(detail.body).toMatchObject({ assigneeId: sales1.id, teamId: sales.teamId });
      // Transferring again is possible at once.
      const again = await sales1.client.post(`/api/v1/conversations/${id}/transfer`, {
        toUserId: sales2.id,
        mode: 'warm',
      });
      expect(again.status).toBe(201);
      const cancelled = await supervisor.client.post(`/api/v1/conversations/${id}/transfer/cancel`);
      expect(cancelled.body.status).toBe('cancelled');
      const log = await sales1.client.get(`/api/v1/conversations/${id}/transfers`);
      expect(log.body.items.map((x: any) => x.status)).toEqual(['declined', 'cancelled']);
    } finally {
      s1.ws.close();
      sv.ws.close();
    }
  });
  it('closing the conversation, by the agent or by the customer’s STOP, cancels a pending warm transfer', async () => {
    for (const closeBy of ['agent', 'customer'] as const) {
      const { id, customer } = await claimed();
      const asked = await sales1.client.post(`/api/v1/conversations/${id}/transfer`, {
        toUserId: service1.id,
        mode: 'warm',
      });
      expect(asked.status).toBe(201);
      expect((await service1.client.get(`/api/v1/conversations/${id}`)).status).toBe(200);
      if (closeBy === 'agent')
        expect((await sales1.client.post(`/api/v1/conversations/${id}/close`)).status).toBe(200);
      else await customerTexts(sales1.client, customer, sales.campaign.phone, 'STOP');
      expect((await sales1.client.get(`/api/v1/conversations/${id}`)).body.status).toBe('closed');
      const log = await sales1.client.get(`/api/v1/conversations/${id}/transfers`);
      expect(log.body.items.map((x: any) => x.status)).toEqual(['cancelled']);
      // Nothing is left for the colleague to take over: they no longer see it, and cannot accept.
      expectProblem(await service1.client.get(`/api/v1/conversations/${id}`), 404);
      expectProblem(await service1.client.post(`/api/v1/conversations/${id}/transfer/accept`), 404);
    }
  });
});
