import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../conversations/helpers';
import { openStream } from '../realtime/stream-client';
import { nextMatching } from '../secure-chat/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, makeUser, type StaffUser } from '../support/factories';
import { waitFor } from '../support/wait';
import { makeAgent, makeTeam } from './helpers';

describe('Internal chat between agents, and who is online', () => {
  let t: TestApp;
  let firm: Firm;
  let other: Firm;
  let ann: StaffUser;
  let bo: StaffUser;
  let cy: StaffUser;
  let attorney: StaffUser;
  let supervisor: StaffUser;

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    other = await makeFirm(t);
    ann = await makeAgent(t, firm, 'Ann Agent');
    bo = await makeAgent(t, firm, 'Bo Agent');
    cy = await makeAgent(t, firm, 'Cy Agent');
    attorney = await makeUser(t, firm, { role: 'attorney' });
    supervisor = await makeUser(t, firm, { role: 'staff', permissions: ['message_center.view_all'] });
    await makeTeam(firm, [ann, bo]);
  });
  afterAll(async () => t.close());

  it('starts one chat per pair of agents, seen and heard by its members alone', async () => {
    const bs = await openStream(t.url, { session: bo.client.cookie('parley_session') });
    try {
      await bs.next('ready');
      const r = await ann.client.post('/api/v1/conversations', { kind: 'internal', userIds: [bo.id] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const id = r.body.id;
      expect(r.body.members.map((m: any) => m.id).sort()).toEqual([ann.id, bo.id].sort());
      await nextMatching(bs, 'conversation.created', (d) => d.id === id && d.kind === 'internal');
      const again = await bo.client.post('/api/v1/conversations', { kind: 'internal', userIds: [ann.id] });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(id);

      const sent = await ann.client.post(`/api/v1/conversations/${id}/messages`, { body: 'Lunch at 1?' });
      expect(sent.status).toBe(201);
      const heard = await nextMatching(bs, 'message.created', (d) => d.conversationId === id);
      expect(heard.data.message.body).toBe('Lunch at 1?');
      const list = await bo.client.get('/api/v1/conversations?kind=internal');
      expect(list.body.items.map((c: any) => c.id)).toContain(id);
      for (const outsider of [cy, supervisor, firm.admin]) {
        expectProblem(await outsider.client.get(`/api/v1/conversations/${id}`), 404);
      }
      expectProblem(await other.admin.client.get(`/api/v1/conversations/${id}`), 404);
      // Nobody adds people to a pair's chat.
      expectProblem(await ann.client.post(`/api/v1/conversations/${id}/members`, { userId: cy.id }), 403);
    } finally {
      bs.ws.close();
    }
  });

  it('refuses colleagues who are not agents, unknown users, oneself, and non-agents starting one', async () => {
    const post = (u: StaffUser, userIds: string[]) =>
      u.client.post('/api/v1/conversations', { kind: 'internal', userIds });
    expectProblem(await post(ann, [attorney.id]), 422, 'not-an-agent');
    const foreign = await post(ann, [other.admin.id]);
    expectProblem(foreign, 400);
    expect(JSON.stringify(foreign.body.errors)).toContain('userIds');
    expectProblem(await post(ann, [ann.id]), 400);
    expectProblem(await post(attorney, [ann.id]), 403);
  });

  it('lists the agents online while their stream is open, and no longer once it closes', async () => {
    const online = async (u: StaffUser) => {
      const r = await u.client.get('/api/v1/presence');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items as { userId: string; name: string; online: boolean; since: string }[];
    };
    const watcher = await openStream(t.url, { session: ann.client.cookie('parley_session') });
    try {
      await watcher.next('ready');
      expect((await online(bo)).map((p) => p.userId)).not.toContain(cy.id);
      const cs = await openStream(t.url, { session: cy.client.cookie('parley_session') });
      await cs.next('ready');
      const up = await nextMatching(watcher, 'presence.updated', (d) => d.userId === cy.id);
      expect(up.data.online).toBe(true);
      const found = await waitFor(
        async () => (await online(bo)).find((p) => p.userId === cy.id),
        'Cy online',
      );
      expect(found).toMatchObject({ name: 'Cy Agent', online: true });
      expect(Number.isNaN(Date.parse(found.since))).toBe(false);
      // A second stream of the same user, then closing one of them, keeps them online.
      const cs2 = await openStream(t.url, { session: cy.client.cookie('parley_session') });
      await cs2.next('ready');
      cs2.ws.close();
      await cs2.closed;
      cs.ws.close();
      const down = await nextMatching(watcher, 'presence.updated', (d) => d.userId === cy.id && !d.online);
      expect(down.data.since).toBeNull();
      expect((await online(bo)).map((p) => p.userId)).not.toContain(cy.id);
      // Another firm never sees this firm's agents; non-agents may not ask.
      expect((await online(other.admin)).map((p) => p.userId)).not.toContain(ann.id);
      expectProblem(await attorney.client.get('/api/v1/presence'), 403);
      const agents = await bo.client.get('/api/v1/message-center/agents');
      expect(agents.body.items.find((a: any) => a.id === ann.id)).toMatchObject({
        online: true,
        teams: [{}],
      });
      expect(agents.body.items.map((a: any) => a.id)).not.toContain(attorney.id);
    } finally {
      watcher.ws.close();
    }
  });
});
