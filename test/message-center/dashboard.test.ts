import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../conversations/helpers';
import { openStream } from '../realtime/stream-client';
import { nextMatching } from '../secure-chat/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, makeUser, type StaffUser } from '../support/factories';
import { settledJobs } from '../support/outbox';
import { customerTexts, dashboard, freshPhone, makeAgent, makeSetup, makeTeam, type Setup } from './helpers';

describe('Message Center dashboard: filters, counts and alerts', () => {
  let t: TestApp;
  let firm: Firm;
  let agent: StaffUser;
  let colleague: StaffUser;
  let setup: Setup;
  let other: Setup;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    agent = await makeAgent(t, firm, 'Ann Agent');
    colleague = await makeAgent(t, firm, 'Cal Colleague');
    const team = await makeTeam(firm, [agent, colleague]);
    const secondTeam = await makeTeam(firm, [agent]);
    setup = await makeSetup(firm, team);
    other = await makeSetup(firm, secondTeam);
    const open = async (name: string, s = setup) => {
      const r = await customerTexts(agent.client, freshPhone('415'), s.campaign.phone, `Hello from ${name}`);
      ids[name] = r.conversationId as string;
      return ids[name] as string;
    };
    await open('unassigned');
    // Mine and waiting: claimed by the agent, the customer's text unanswered.
    await open('mineWaiting');
    await agent.client.post(`/api/v1/conversations/${ids.mineWaiting}/claim`);
    // Mine, answered.
    await open('mineAnswered');
    await agent.client.post(`/api/v1/conversations/${ids.mineAnswered}/claim`);
    await agent.client.post(`/api/v1/conversations/${ids.mineAnswered}/messages`, { body: 'On it!' });
    // The colleague's, answered.
    await open('colleagues');
    await colleague.client.post(`/api/v1/conversations/${ids.colleagues}/claim`);
    await colleague.client.post(`/api/v1/conversations/${ids.colleagues}/messages`, { body: 'Sure' });
    await open('closed');
    await agent.client.post(`/api/v1/conversations/${ids.closed}/close`);
    await open('secondTeam', other);
  });
  afterAll(async () => t.close());

  const idsOf = (items: { id: string }[]) => items.map((i) => i.id).sort();
  const pick = (...names: string[]) => names.map((n) => ids[n] as string).sort();

  it('filters Open, Waiting, Unassigned, Just Mine and Closed', async () => {
    expect(idsOf(await dashboard(agent.client))).toEqual(
      pick('unassigned', 'mineWaiting', 'mineAnswered', 'colleagues', 'secondTeam'),
    );
    expect(idsOf(await dashboard(agent.client, 'open'))).toEqual(idsOf(await dashboard(agent.client)));
    // Waiting: the customer's last message is unanswered (claimed or not).
    expect(idsOf(await dashboard(agent.client, 'waiting'))).toEqual(
      pick('unassigned', 'mineWaiting', 'secondTeam'),
    );
    expect(idsOf(await dashboard(agent.client, 'unassigned'))).toEqual(pick('unassigned', 'secondTeam'));
    expect(idsOf(await dashboard(agent.client, 'mine'))).toEqual(pick('mineWaiting', 'mineAnswered'));
    expect(idsOf(await dashboard(colleague.client, 'mine'))).toEqual(pick('colleagues'));
    expect(idsOf(await dashboard(agent.client, 'closed'))).toEqual(pick('closed'));
    expect(idsOf(await dashboard(agent.client, 'open', `&teamId=${other.teamId}`))).toEqual(
      pick('secondTeam'),
    );
    // The colleague is not in the second team.
    expect(idsOf(await dashboard(colleague.client))).not.toContain(ids.secondTeam);
  });

  it('answers list items with their Message Center columns, preview, alert and unread count, newest activity first', async () => {
    const items = await dashboard(agent.client);
    const times = items.map((i) => i.lastMessageAt);
    expect([...times].sort().reverse()).toEqual(times);
    const mine = items.find((i) => i.id === ids.mineAnswered);
    expect(mine).toMatchObject({
      alert: null,
      alertAt: null,
      lastMessage: { authorType: 'user', authorName: 'Ann Agent', snippet: 'On it!' },
      messageCenter: { agent: { id: agent.id, name: 'Ann Agent' }, waitingSince: null },
    });
    const waiting = items.find((i) => i.id === ids.mineWaiting);
    // Claiming made the agent a member; the customer's text is still unread.
    expect(waiting).toMatchObject({ alert: null, unreadCount: 1 });
    expect(waiting.alertAt).toEqual(expect.any(String));
    const unassigned = items.find((i) => i.id === ids.unassigned);
    // The customer texts from a number: no contact record, no name.
    expect(unassigned).toMatchObject({
      alert: 'unclaimed',
      lastMessage: { authorType: 'contact', authorName: null },
    });
  });

  it('counts what each filter holds, and the unread texts of the caller’s claimed conversations', async () => {
    const before = await agent.client.get('/api/v1/message-center/counts');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ open: 5, waiting: 3, unassigned: 2, mine: 2, closed: 1, unread: 1 });
    // The customer of a claimed conversation writes again: one unread for the agent.
    const [row] = await t.database.query<{ contact_phone: string }>(
      'select contact_phone from conversations where id = $1',
      [ids.mineAnswered],
    );
    await customerTexts(agent.client, row?.contact_phone as string, setup.campaign.phone, 'Thanks, when?');
    const after = await agent.client.get('/api/v1/message-center/counts');
    expect(after.body).toEqual({ open: 5, waiting: 4, unassigned: 2, mine: 2, closed: 1, unread: 2 });
    const team = await agent.client.get(`/api/v1/message-center/counts?teamId=${other.teamId}`);
    expect(team.body).toEqual({ open: 1, waiting: 1, unassigned: 1, mine: 0, closed: 0, unread: 0 });
    // A supervisor sees every team's (the firm's kept counts per team), and can narrow them to one.
    const supervisor = await firm.admin.client.get('/api/v1/message-center/counts');
    expect(supervisor.body).toEqual({ open: 5, waiting: 4, unassigned: 2, mine: 0, closed: 1, unread: 0 });
    const supervisorTeam = await firm.admin.client.get(
      `/api/v1/message-center/counts?teamId=${other.teamId}`,
    );
    expect(supervisorTeam.body).toEqual({
      open: 1,
      waiting: 1,
      unassigned: 1,
      mine: 0,
      closed: 0,
      unread: 0,
    });
    expectProblem(await agent.client.get('/api/v1/message-center/counts?teamId=nope'), 400);
    const attorney = await makeUser(t, firm, { role: 'attorney' });
    expectProblem(await attorney.client.get('/api/v1/message-center/counts'), 403);
  });

  it('pushes conversation.updated (alert) when a threshold passes, without polling', async () => {
    const stream = await openStream(t.url, { session: agent.client.cookie('parley_session') });
    try {
      await stream.next('ready');
      const text = await customerTexts(
        agent.client,
        freshPhone('415'),
        setup.campaign.phone,
        'Anyone there?',
      );
      const id = text.conversationId as string;
      const before = (await agent.client.get(`/api/v1/conversations/${id}`)).body;
      expect(before.alert).toBe('unclaimed');
      // Five minutes pass: move the conversation's clock and its scheduled alert job into the past.
      const [moved] = await t.database.query<{ since: Date }>(
        `update conversations set unclaimed_since = unclaimed_since - interval '6 minutes',
           created_at = created_at - interval '6 minutes' where id = $1 returning unclaimed_since as since`,
        [id],
      );
      const at = new Date(new Date(moved?.since as Date).getTime() + 5 * 60_000).toISOString();
      await t.database.query(
        `update outbox set next_attempt_at = now() - interval '1 second', payload = jsonb_set(payload, '{at}', to_jsonb($2::text))
         where topic = 'message_center.alert' and payload->>'conversationId' = $1 and status = 'pending'`,
        [id, at],
      );
      t.deps.outbox.nudge();
      const frame = await nextMatching(
        stream,
        'conversation.updated',
        (d) => d.id === id && d.reason === 'alert',
      );
      expect(frame.data.status).toBe('open');
      const after = (await agent.client.get(`/api/v1/conversations/${id}`)).body;
      expect(after).toMatchObject({ alert: 'unclaimed_overdue', alertAt: null });
      // A claim stops the unclaimed clock; the claim itself is pushed.
      expect((await agent.client.post(`/api/v1/conversations/${id}/claim`)).status).toBe(200);
      await nextMatching(stream, 'conversation.updated', (d) => d.id === id && d.reason === 'claim');
    } finally {
      stream.ws.close();
    }
  });

  it('skips an alert job whose threshold no longer holds (claimed meanwhile)', async () => {
    const text = await customerTexts(agent.client, freshPhone('415'), setup.campaign.phone, 'Quick one');
    const id = text.conversationId as string;
    expect((await agent.client.post(`/api/v1/conversations/${id}/claim`)).status).toBe(200);
    // The first job is the unclaimed threshold scheduled when the conversation opened.
    const [job] = await t.database.query<{ id: string }>(
      `select id from outbox where topic = 'message_center.alert' and payload->>'conversationId' = $1 order by id limit 1`,
      [id],
    );
    await t.database.query(`update outbox set next_attempt_at = now() - interval '1 second' where id = $1`, [
      job?.id,
    ]);
    t.deps.outbox.nudge();
    const settled = await settledJobs<{ status: string; result: any }>(
      t.database,
      'select status, result from outbox where id = $1',
      [job?.id],
    );
    expect(settled.map((r) => r.result)).toEqual([{ skipped: 'stale' }]);
  });
});
