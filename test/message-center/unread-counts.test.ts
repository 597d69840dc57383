import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { type Firm, makeFirm, makeUser, type StaffUser } from '../support/factories';
import { customerTexts, dashboard, freshPhone, makeAgent, makeSetup, makeTeam, type Setup } from './helpers';

// The unread messages of the dashboard (GET /message-center/counts `unread`, and each list item's
// unreadCount): the messages after the caller's read position in the open conversations they
// claimed, not counting their own; nothing read counts from the first message. Agents and
// supervisors alike, and another team's conversations never count.

describe('Message Center unread counts', () => {
  let t: TestApp;
  let firm: Firm;
  let agent: StaffUser;
  let colleague: StaffUser;
  let otherAgent: StaffUser;
  let supervisor: StaffUser;
  let setup: Setup;
  let other: Setup;
  const ids: Record<string, string> = {};
  const phones: Record<string, string> = {};

  /** A customer of `s` texts each body in turn; answers the conversation. */
  const customer = async (name: string, s: Setup, ...bodies: string[]) => {
    phones[name] ??= freshPhone('415');
    for (const body of bodies) {
      const r = await customerTexts(agent.client, phones[name] as string, s.campaign.phone, body);
      ids[name] = r.conversationId as string;
    }
    return ids[name] as string;
  };
  const claim = async (c: TestClient, name: string) => {
    const r = await c.post(`/api/v1/conversations/${ids[name]}/claim`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const reply = async (c: TestClient, name: string, body: string) => {
    const r = await c.post(`/api/v1/conversations/${ids[name]}/messages`, { body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  /** The caller reads up to (and including) the message with this body. */
  const readUpTo = async (c: TestClient, name: string, body: string) => {
    const list = await c.get(`/api/v1/conversations/${ids[name]}/messages?limit=100`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const message = (list.body.items as { id: string; body: string }[]).find((m) => m.body === body);
    expect(message, body).toBeDefined();
    const r = await c.post(`/api/v1/conversations/${ids[name]}/read`, { messageId: message?.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const counts = async (c: TestClient, query = '') => {
    const r = await c.get(`/api/v1/message-center/counts${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as Record<string, number>;
  };
  const unreadOf = async (c: TestClient, filter = 'open') =>
    Object.fromEntries(
      (await dashboard(c, filter)).map((i) => [
        Object.keys(ids).find((n) => ids[n] === i.id) ?? i.id,
        i.unreadCount as number,
      ]),
    );

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    agent = await makeAgent(t, firm, 'Una Unread');
    colleague = await makeAgent(t, firm, 'Cole Colleague');
    otherAgent = await makeAgent(t, firm, 'Otto Other');
    supervisor = await makeUser(t, firm, { role: 'staff', permissions: ['message_center.view_all'] });
    setup = await makeSetup(firm, await makeTeam(firm, [agent, colleague]));
    other = await makeSetup(firm, await makeTeam(firm, [otherAgent]));

    // Claimed and never read: both of the customer's texts are unread.
    await customer('neverRead', setup, 'one', 'two');
    await claim(agent.client, 'neverRead');
    // Read part way: the customer's text after the read position is unread. (Sending moves the
    // sender's read position to their message, so the reply is never unread.)
    await customer('partlyRead', setup, 'first');
    await claim(agent.client, 'partlyRead');
    await reply(agent.client, 'partlyRead', 'Happy to help');
    await customer('partlyRead', setup, 'second', 'third');
    await readUpTo(agent.client, 'partlyRead', 'second');
    // Read to the end.
    await customer('allRead', setup, 'only one');
    await claim(agent.client, 'allRead');
    await readUpTo(agent.client, 'allRead', 'only one');
    // The colleague's claim, in the agent's team: unread for the colleague only.
    await customer('colleagues', setup, 'for Cole');
    await claim(colleague.client, 'colleagues');
    // Unclaimed: nobody's unread.
    await customer('unclaimed', setup, 'anyone there?');
    // Another team's, claimed by its agent.
    await customer('otherTeam', other, 'a', 'b');
    await claim(otherAgent.client, 'otherTeam');
    // The supervisor's claim in the other team, read part way.
    await customer('supervisors', other, 'x', 'y', 'z');
    await claim(supervisor.client, 'supervisors');
    await readUpTo(supervisor.client, 'supervisors', 'x');
    // Claimed and closed with unread texts: closed conversations do not count.
    await customer('closed', setup, 'bye');
    await claim(agent.client, 'closed');
    const closed = await agent.client.post(`/api/v1/conversations/${ids.closed}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  });
  afterAll(async () => t.close());

  it('counts an agent’s unread texts in the open conversations they claimed, per list item too', async () => {
    expect((await counts(agent.client)).unread).toBe(3);
    expect(await unreadOf(agent.client)).toEqual({
      neverRead: 2,
      partlyRead: 1,
      allRead: 0,
      // Not the agent's: they are no member, and nothing is unread for them.
      colleagues: 0,
      unclaimed: 0,
    });
    expect(await unreadOf(agent.client, 'mine')).toEqual({ neverRead: 2, partlyRead: 1, allRead: 0 });
    expect((await unreadOf(agent.client, 'closed')).closed).toBe(1);
    expect((await counts(colleague.client)).unread).toBe(1);
    expect(await unreadOf(colleague.client, 'mine')).toEqual({ colleagues: 1 });
  });

  it('leaves out other teams’ conversations, and narrows to one team', async () => {
    expect((await counts(agent.client, `?teamId=${setup.teamId}`)).unread).toBe(3);
    expect((await counts(agent.client, `?teamId=${other.teamId}`)).unread).toBe(0);
    expect(Object.keys(await unreadOf(agent.client))).not.toContain('otherTeam');
    expect((await counts(otherAgent.client)).unread).toBe(2);
    expect(await unreadOf(otherAgent.client)).toEqual({ otherTeam: 2, supervisors: 0 });
  });

  it('counts a supervisor’s own claims only, across teams', async () => {
    expect((await counts(supervisor.client)).unread).toBe(2);
    expect((await counts(supervisor.client, `?teamId=${other.teamId}`)).unread).toBe(2);
    expect((await counts(supervisor.client, `?teamId=${setup.teamId}`)).unread).toBe(0);
    const seen = await unreadOf(supervisor.client);
    expect(seen).toMatchObject({ supervisors: 2, neverRead: 0, otherTeam: 0 });
    expect((await counts(firm.admin.client)).unread).toBe(0);
  });

  it('follows reading and new texts', async () => {
    await readUpTo(agent.client, 'neverRead', 'one');
    expect((await counts(agent.client)).unread).toBe(2);
    await customer('allRead', setup, 'one more thing');
    expect((await counts(agent.client)).unread).toBe(3);
    expect((await unreadOf(agent.client, 'mine')).allRead).toBe(1);
    // Reading an older message never moves the read position back.
    await readUpTo(agent.client, 'partlyRead', 'first');
    expect((await unreadOf(agent.client, 'mine')).partlyRead).toBe(1);
    await readUpTo(agent.client, 'partlyRead', 'third');
    await readUpTo(agent.client, 'neverRead', 'two');
    await readUpTo(agent.client, 'allRead', 'one more thing');
    expect((await counts(agent.client)).unread).toBe(0);
    expect(await unreadOf(agent.client, 'mine')).toEqual({ neverRead: 0, partlyRead: 0, allRead: 0 });
  });
});
