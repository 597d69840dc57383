import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../conversations/helpers';
import { openStream } from '../realtime/stream-client';
import { nextMatching } from '../secure-chat/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, makeUser, type StaffUser } from '../support/factories';
import { waitFor } from '../support/wait';
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

async function messagesOf(c: StaffUser['client'], id: string): Promise<any[]> {
  const r = await c.get(`/api/v1/conversations/${id}/messages?limit=200`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
}

describe('Message Center conversations', () => {
  let t: TestApp;
  let firm: Firm;
  let sales1: StaffUser;
  let sales2: StaffUser;
  let service: StaffUser;
  let supervisor: StaffUser;
  let outsider: StaffUser;
  let sales: Setup;
  let serviceSetup: Setup;

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    sales1 = await makeAgent(t, firm, 'Sam Sales');
    sales2 = await makeAgent(t, firm, 'Sue Sales');
    service = await makeAgent(t, firm, 'Sid Service');
    supervisor = await makeUser(t, firm, { role: 'staff', permissions: ['message_center.view_all'] });
    // In the Sales team but without message_center.use: the team alone does not open the door.
    outsider = await makeUser(t, firm, { role: 'attorney' });
    const salesTeam = await makeTeam(firm, [sales1, sales2, outsider]);
    const serviceTeam = await makeTeam(firm, [service]);
    sales = await makeSetup(firm, salesTeam);
    serviceSetup = await makeSetup(firm, serviceTeam);
  });
  afterAll(async () => t.close());

  it('opens a conversation on a first text, appends later texts, and after close opens a new one', async () => {
    const customer = freshPhone('415');
    const typed = `(${customer.slice(2, 5)}) ${customer.slice(5, 8)}-${customer.slice(8)}`;
    const first = await customerTexts(
      sales1.client,
      typed,
      sales.campaign.phone,
      'Do you install heat pumps?',
    );
    expect(first.result).toBe('stored');
    const second = await customerTexts(sales1.client, customer, sales.campaign.phone, 'In Cambridge');
    expect(second.conversationId).toBe(first.conversationId);

    const got = await sales1.client.get(`/api/v1/conversations/${first.conversationId}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      kind: 'sms',
      status: 'open',
      contactPhone: customer,
      firmPhone: sales.campaign.phone,
      teamId: sales.teamId,
      assigneeId: null,
      alert: 'unclaimed',
    });
    expect(got.body.alertAt).toEqual(expect.any(String));
    expect(got.body.messageCenter).toMatchObject({
      customerPhone: customer,
      group: { id: sales.groupId },
      location: { id: sales.locationId },
      campaign: { id: sales.campaign.id, name: sales.campaign.name, phone: sales.campaign.phone },
      team: { id: sales.teamId },
      agent: null,
      claimedAt: null,
      closedAt: null,
      optedOut: false,
      revocationFlagged: false,
    });
    expect(got.body.messageCenter.waitingSince).toEqual(expect.any(String));
    const messages = await messagesOf(sales1.client, first.conversationId as string);
    expect(messages.map((m) => [m.authorType, m.body, m.source])).toEqual([
      ['contact', 'In Cambridge', 'sms'],
      ['contact', 'Do you install heat pumps?', 'sms'],
    ]);

    const closed = await sales1.client.post(`/api/v1/conversations/${first.conversationId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.messageCenter.closedAt).toEqual(expect.any(String));
    expect(closed.body.alert).toBeNull();
    expectProblem(
      await sales1.client.post(`/api/v1/conversations/${first.conversationId}/close`),
      409,
      'conversation-closed',
    );

    const third = await customerTexts(sales1.client, customer, sales.campaign.phone, 'Hello again');
    expect(third.conversationId).not.toBe(first.conversationId);
    expect((await sales1.client.get(`/api/v1/conversations/${third.conversationId}`)).body.status).toBe(
      'open',
    );
  });

  it('opens exactly one conversation for concurrent first texts from one number', async () => {
    const customer = freshPhone('415');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        customerTexts(sales1.client, customer, sales.campaign.phone, `Hi ${i}`),
      ),
    );
    const ids = new Set(results.map((r) => r.conversationId));
    expect(ids.size).toBe(1);
    const rows = await t.database.query<{ n: number }>(
      `select count(*)::int as n from conversations where kind = 'sms' and contact_phone = $1`,
      [customer],
    );
    expect(rows[0]?.n).toBe(1);
    expect(await messagesOf(sales1.client, [...ids][0] as string)).toHaveLength(6);
  });

  it('shows a conversation only to its team’s agents and supervisors, in lists, reads and the stream', async () => {
    const s1 = await openStream(t.url, { session: sales1.client.cookie('parley_session') });
    const sv = await openStream(t.url, { session: service.client.cookie('parley_session') });
    const sup = await openStream(t.url, { session: supervisor.client.cookie('parley_session') });
    const out = await openStream(t.url, { session: outsider.client.cookie('parley_session') });
    try {
      await Promise.all([s1.next('ready'), sv.next('ready'), sup.next('ready'), out.next('ready')]);
      const customer = freshPhone('415');
      const text = await customerTexts(firm.admin.client, customer, sales.campaign.phone, 'Visible?');
      const id = text.conversationId as string;
      const created = await nextMatching(s1, 'conversation.created', (d) => d.id === id);
      expect(created.data).toMatchObject({ kind: 'sms', status: 'open' });
      await nextMatching(s1, 'message.created', (d) => d.conversationId === id);
      await nextMatching(sup, 'conversation.created', (d) => d.id === id);
      await nextMatching(sup, 'message.created', (d) => d.conversationId === id);

      // A Service agent, and a Sales member without message_center.use, see nothing of it.
      for (const user of [service, outsider]) {
        expectProblem(await user.client.get(`/api/v1/conversations/${id}`), 404);
        expectProblem(await user.client.get(`/api/v1/conversations/${id}/messages`), 404);
        expect((await dashboard(user.client)).map((c) => c.id)).not.toContain(id);
      }
      expect((await dashboard(sales2.client)).map((c) => c.id)).toContain(id);
      expect((await dashboard(supervisor.client)).map((c) => c.id)).toContain(id);
      expect((await dashboard(firm.admin.client)).map((c) => c.id)).toContain(id);
      // A Service conversation is not the Sales agents'.
      const svc = await customerTexts(
        firm.admin.client,
        customer,
        serviceSetup.campaign.phone,
        'Service please',
      );
      expect((await dashboard(sales1.client)).map((c) => c.id)).not.toContain(svc.conversationId);
      expect((await dashboard(service.client)).map((c) => c.id)).toContain(svc.conversationId);
      await nextMatching(sv, 'message.created', (d) => d.conversationId === svc.conversationId);

      // A frame to check on: only then are the frames before it surely in.
      await customerTexts(firm.admin.client, freshPhone('415'), serviceSetup.campaign.phone, 'marker');
      await nextMatching(
        sup,
        'message.created',
        (d) => d.conversationId !== id && d.conversationId !== svc.conversationId,
      );
      await waitFor(
        () =>
          sv.frames.some((f) => f.type === 'message.created' && f.data.conversationId !== svc.conversationId),
        'marker',
      );
      const leaked = (frames: { type: string; data: any }[]) =>
        frames.some((f) => f.data?.id === id || f.data?.conversationId === id);
      expect(leaked(sv.frames)).toBe(false);
      expect(leaked(out.frames)).toBe(false);
      expect(s1.frames.some((f) => f.data?.conversationId === svc.conversationId)).toBe(false);
    } finally {
      for (const s of [s1, sv, sup, out]) s.ws.close();
    }
  });

  it('lets one of two agents claiming at once win; the other gets 409 naming the holder', async () => {
    const text = await customerTexts(sales1.client, freshPhone('415'), sales.campaign.phone, 'Who takes me?');
    const id = text.conversationId as string;
    const answers = await Promise.all([
      sales1.client.post(`/api/v1/conversations/${id}/claim`),
      sales2.client.post(`/api/v1/conversations/${id}/claim`),
    ]);
    const won = answers.filter((a) => a.status === 200);
    const lost = answers.filter((a) => a.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]?.body.assigneeId === sales1.id ? sales1 : sales2;
    expect(won[0]?.body.messageCenter.agent).toEqual({ id: winner.id, name: winner.name });
    expect(won[0]?.body.alert).toBeNull();
    expect(lost[0]?.body).toMatchObject({
      type: '/problems/claimed',
      holder: { id: winner.id, name: winner.name },
    });
    // Claiming one's own claim again answers it unchanged.
    const again = await winner.client.post(`/api/v1/conversations/${id}/claim`);
    expect(again.status).toBe(200);
    expect(again.body.assigneeId).toBe(winner.id);
    expectProblem(await service.client.post(`/api/v1/conversations/${id}/claim`), 404);
  });

  it('refuses public texts before a claim and by another agent; notes are always kept and never texted', async () => {
    const customer = freshPhone('415');
    const text = await customerTexts(sales1.client, customer, sales.campaign.phone, 'Price of a tune-up?');
    const id = text.conversationId as string;
    expectProblem(
      await sales1.client.post(`/api/v1/conversations/${id}/messages`, { body: 'Hi!', visibility: 'public' }),
      409,
      'not-claimed',
    );
    const note = await sales1.client.post(`/api/v1/conversations/${id}/messages`, {
      body: 'Returning customer, check history',
      visibility: 'note',
    });
    expect(note.status).toBe(201);
    expect(note.body.deliveries).toEqual([]);

    expect((await sales1.client.post(`/api/v1/conversations/${id}/claim`)).status).toBe(200);
    const byOther = await sales2.client.post(`/api/v1/conversations/${id}/messages`, {
      body: 'Me too',
      visibility: 'public',
    });
    expectProblem(byOther, 409, 'claimed');
    expect(byOther.body.holder).toEqual({ id: sales1.id, name: sales1.name });
    const otherNote = await sales2.client.post(`/api/v1/conversations/${id}/messages`, {
      body: 'FYI he called yesterday',
      visibility: 'note',
    });
    expect(otherNote.status).toBe(201);

    const body = 'A tune-up is $89. '.repeat(10).trim();
    const reply = await sales1.client.post(`/api/v1/conversations/${id}/messages`, {
      body,
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.deliveries).toEqual([
      expect.objectContaining({ channel: 'sms', recipient: customer, status: 'queued', segments: 2 }),
    ]);
    const inbox = await waitFor(async () => {
      const items = await phoneInbox(sales1.client, customer);
      return items.length > 0 && items;
    }, 'the reply texted');
    expect(inbox).toEqual([
      expect.objectContaining({ from: sales.campaign.phone, to: customer, body, segments: 2 }),
    ]);
    const messages = await messagesOf(sales1.client, id);
    expect(messages.find((m) => m.id === reply.body.id)?.deliveries[0].segments).toBe(2);
    // The agent answered: the customer no longer waits.
    const got = await sales1.client.get(`/api/v1/conversations/${id}`);
    expect(got.body.messageCenter.waitingSince).toBeNull();
    expect(got.body.alert).toBeNull();
  });

  it('closes on an opt-out keyword and opens a new conversation on START', async () => {
    const customer = freshPhone('415');
    const first = await customerTexts(sales1.client, customer, sales.campaign.phone, 'Quote please');
    const stop = await customerTexts(sales1.client, customer, sales.campaign.phone, ' stop ');
    expect(stop.conversationId).toBe(first.conversationId);
    const closed = await sales1.client.get(`/api/v1/conversations/${first.conversationId}`);
    expect(closed.body.status).toBe('closed');
    expect((await messagesOf(sales1.client, first.conversationId as string))[0].body).toBe(' stop ');
    // STOP with no open conversation is kept in a new one, closed at once, so agents see why.
    const lone = await customerTexts(sales1.client, customer, sales.campaign.phone, 'UNSUBSCRIBE');
    expect(lone.conversationId).not.toBe(first.conversationId);
    expect((await sales1.client.get(`/api/v1/conversations/${lone.conversationId}`)).body.status).toBe(
      'closed',
    );
    const start = await customerTexts(sales1.client, customer, sales.campaign.phone, 'START');
    expect(start.conversationId).not.toBe(lone.conversationId);
    const reopened = await sales1.client.get(`/api/v1/conversations/${start.conversationId}`);
    expect(reopened.body.status).toBe('open');
    expect((await messagesOf(sales1.client, start.conversationId as string)).map((m) => m.body)).toEqual([
      'START',
    ]);
    // "STOP PLEASE" is not a keyword: it stays open.
    const notKeyword = await customerTexts(sales1.client, customer, sales.campaign.phone, 'STOP PLEASE');
    expect(notKeyword.conversationId).toBe(start.conversationId);
    expect((await sales1.client.get(`/api/v1/conversations/${start.conversationId}`)).body.status).toBe(
      'open',
    );
  });

  it('follows the consent ledger: opted out shown and replies refused, HELP answered with the campaign’s text, revocations flagged', async () => {
    const customer = freshPhone('415');
    const first = await customerTexts(
      sales1.client,
      customer,
      sales.campaign.phone,
      'Do you open on Sundays?',
    );
    expect((await sales1.client.post(`/api/v1/conversations/${first.conversationId}/claim`, {})).status).toBe(
      200,
    );
    await customerTexts(sales1.client, customer, sales.campaign.phone, 'STOP');
    const confirmations = await waitFor(async () => {
      const inbox = await phoneInbox(sales1.client, customer);
      return inbox.length >= 1 && inbox;
    }, 'the opt-out confirmation');
    expect(confirmations).toHaveLength(1);

    // Still opted out, the customer writes again: a new open conversation that says so, and refuses texts.
    const again = await customerTexts(sales1.client, customer, sales.campaign.phone, 'One more question');
    const item = (await dashboard(sales1.client, 'open')).find((c) => c.id === again.conversationId);
    expect(item.messageCenter.optedOut).toBe(true);
    expect((await sales1.client.post(`/api/v1/conversations/${again.conversationId}/claim`, {})).status).toBe(
      200,
    );
    const before = (await messagesOf(sales1.client, again.conversationId as string)).length;
    const refused = await sales1.client.post(`/api/v1/conversations/${again.conversationId}/messages`, {
      body: 'We open at noon.',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.type).toMatch(/opted-out$/);
    expect(await messagesOf(sales1.client, again.conversationId as string)).toHaveLength(before);
    const note = await sales1.client.post(`/api/v1/conversations/${again.conversationId}/messages`, {
      body: 'Customer opted out; call instead.',
      visibility: 'note',
    });
    expect(note.status).toBe(201);

    // HELP is answered in any state, with the campaign's own help text.
    await customerTexts(sales1.client, customer, sales.campaign.phone, 'help');
    const help = await waitFor(async () => {
      const inbox = await phoneInbox(sales1.client, customer);
      return inbox.find((m) => m.body.includes('Demo Co. Call 617-555-0100.'));
    }, 'the campaign help text');
    expect(help.from).toBe(sales.campaign.phone);
    expect(await phoneInbox(sales1.client, customer)).toHaveLength(2);

    // A free-text revocation from another customer is flagged on the dashboard, not acted on.
    const other = freshPhone('415');
    const flagged = await customerTexts(sales1.client, other, sales.campaign.phone, 'please stop texting me');
    const row = (await dashboard(sales1.client, 'open')).find((c) => c.id === flagged.conversationId);
    expect(row.messageCenter).toMatchObject({ optedOut: false, revocationFlagged: true });
    expect(row.status).toBe('open');
  });

  it('refuses claim and close on conversations of other kinds and to viewers who do not work them', async () => {
    const text = await customerTexts(sales1.client, freshPhone('415'), sales.campaign.phone, 'Hi');
    // An admin sees it but the claim is fine for admins (they hold every permission).
    expect((await firm.admin.client.post(`/api/v1/conversations/${text.conversationId}/claim`)).status).toBe(
      200,
    );
    // Another agent of the team cannot close an admin's claim.
    expectProblem(
      await sales2.client.post(`/api/v1/conversations/${text.conversationId}/close`),
      409,
      'claimed',
    );
    expectProblem(
      await sales1.client.post('/api/v1/conversations/0190a0c8-0000-7000-8000-000000000000/claim'),
      404,
    );
  });
});
