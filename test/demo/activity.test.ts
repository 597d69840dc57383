import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoActivity } from '../../server/features/demo/activity';
import { SECURE_DEMO_CUSTOMER } from '../../server/features/demo/activity/message-center-secure-invite';
import { type DemoFirm, demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { DEMO_PASSWORD } from '../support/env';

// The test template holds the bare demo firm; this plays the weeks of activity a new data folder gets
// on top of it and checks the story a newcomer sees, through the API.
describe('demo activity', () => {
  let t: TestApp;
  let attorney1: TestClient;
  let attorney2: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(demoLogins.admin);
    const ids = async (path: string) =>
      ((await admin.get(path)).body.items as { id: string; email?: string; name?: string }[]).map((x) => x);
    const users = await ids('/api/v1/users?limit=50');
    const userId = (email: string) => users.find((u) => u.email === email)?.id as string;
    const contacts = await ids('/api/v1/contacts?limit=50');
    const contactId = (name: string) => contacts.find((c) => c.name === name)?.id as string;
    const matters = (await admin.get('/api/v1/matters?limit=50')).body.items as {
      id: string;
      number: string;
    }[];
    const matterId = (n: string) => matters.find((m) => m.number === n)?.id as string;
    const demo: DemoFirm = {
      firmId: (await admin.get('/api/v1/me')).body.user.firmId,
      password: DEMO_PASSWORD,
      passwordWasGenerated: false,
      userIds: {
        admin: userId(demoLogins.admin),
        attorney1: userId(demoLogins.attorney1),
        attorney2: userId(demoLogins.attorney2),
        agent1: userId(demoLogins.agent1),
        agent2: userId(demoLogins.agent2),
      },
      contactIds: ['Jane Roe', 'John Smith', 'Maria Garcia'].map(contactId),
      matterIds: ['2026-0001', '2026-0002'].map(matterId),
    };
    // Seeded at the last 06:00 UTC (1 or 2 AM in New York): that day's scripted texts (up to 08:47 at the
    // firm) would be in the future, so the story moves a day back. Never a later 06:00, whose story (and
    // alerts) would lie ahead of the clock.
    const day = 24 * 60 * 60_000;
    const sixOClock = 6 * 60 * 60_000;
    const seededAt = new Date(Date.now() - ((((Date.now() - sixOClock) % day) + day) % day));
    await seedDemoActivity(t.deps, demo, seededAt);
    attorney1 = await t.signIn(demoLogins.attorney1);
    attorney2 = await t.signIn(demoLogins.attorney2);
    // Weeks of activity played through the real use cases: a few seconds alone, much longer on a busy machine.
  }, 240_000);
  afterAll(() => t.close());

  type Thread = {
    status: string;
    unreadCount: number;
    muted?: boolean;
    lastMessageAt: string;
    contact?: { name: string };
  };
  const threads = async (c: TestClient, extra = '') =>
    (await c.get(`/api/v1/conversations?kind=secure_chat${extra}`)).body.items as Thread[];

  it('adds a third matter with two clients', async () => {
    const third = (await admin.get('/api/v1/matters?q=2026-0003')).body.items[0];
    expect(third.name).toBe('Garcia Family Visa Petition');
    expect(third.contactIds).toHaveLength(2);
  });

  it('gives secure chats on every matter with history both ways: unread, ended and muted, none in the future', async () => {
    const mine = await threads(attorney1);
    expect(new Set(mine.map((c) => c.contact?.name))).toEqual(new Set(['Jane Roe', 'Maria Garcia']));
    expect(mine.some((c) => c.unreadCount > 0)).toBe(true);
    const blairs = [...(await threads(attorney2)), ...(await threads(attorney2, '&filter=closed'))];
    expect(blairs.some((c) => c.status === 'ended')).toBe(true);
    expect(blairs.some((c) => c.muted === true)).toBe(true);
    const all = [...mine, ...blairs];
    expect(all.every((c) => new Date(c.lastMessageAt).getTime() <= Date.now())).toBe(true);
  });

  it('leaves notifications, billable events in every state and time entries', async () => {
    expect((await attorney1.get('/api/v1/notifications')).body.items.length).toBeGreaterThan(0);
    const events = (await admin.get('/api/v1/billable-events?limit=100')).body.items as { status: string }[];
    expect(new Set(events.map((e) => e.status))).toEqual(new Set(['open', 'converted', 'dismissed']));
    expect((await admin.get('/api/v1/time-entries')).body.items.length).toBeGreaterThan(0);
  });

  it('has a secure chat whose client replied STOP: opted out in the ledger, the composer told why', async () => {
    const blairs = (await attorney2.get('/api/v1/conversations?kind=secure_chat')).body.items as {
      id: string;
      contact?: { name: string };
    }[];
    const withJohn = blairs.filter((c) => c.contact?.name === 'John Smith');
    const consents = await Promise.all(
      withJohn.map(async (c) => (await attorney2.get(`/api/v1/conversations/${c.id}/consent`)).body),
    );
    const optedOut = consents.find((c) => c.optedOut);
    expect(optedOut).toMatchObject({ cause: 'keyword', keyword: 'STOP' });
    expect(optedOut.items).toEqual([
      expect.objectContaining({
        state: 'opted_out',
        cause: 'keyword',
        keyword: 'STOP',
        messageId: expect.any(String),
      }),
    ]);
    const thread = withJohn[consents.indexOf(optedOut)] as { id: string };
    const refused = await attorney2.post(`/api/v1/conversations/${thread.id}/messages`, { body: 'Hello?' });
    expect(refused.status).toBe(422);
  });

  it('lands agent1 on a busy Message Center dashboard of the Sales team, and agent2 on Service', async () => {
    const agent1 = await t.signIn(demoLogins.agent1);
    const agent2 = await t.signIn(demoLogins.agent2);
    const counts = (await agent1.get('/api/v1/message-center/counts')).body;
    expect(counts.open).toBeGreaterThanOrEqual(10);
    expect(counts.unassigned).toBeGreaterThanOrEqual(5);
    expect(counts.mine).toBeGreaterThanOrEqual(5);
    expect(counts.waiting).toBeGreaterThanOrEqual(5);
    expect(counts.closed).toBeGreaterThanOrEqual(5);
    const open = (await agent1.get('/api/v1/conversations?kind=sms')).body.items as any[];
    expect(new Set(open.map((c) => c.messageCenter.team.name))).toEqual(new Set(['Sales']));
    const alerts = new Set(open.map((c) => c.alert));
    expect(alerts).toContain('unclaimed_overdue');
    expect(alerts).toContain('waiting_overdue');
    for (const c of open) expect(Date.parse(c.lastMessageAt)).toBeLessThanOrEqual(Date.now());
    const service = (await agent2.get('/api/v1/conversations?kind=sms&filter=mine')).body.items as any[];
    expect(service.length).toBeGreaterThan(0);
    expect(new Set(service.map((c) => c.messageCenter.team.name))).toEqual(new Set(['Service']));
    // One was closed by STOP: its last message is the customer's keyword.
    const closed = (await agent1.get('/api/v1/conversations?kind=sms&filter=closed')).body.items as any[];
    expect(closed.some((c) => c.lastMessage?.snippet === 'STOP')).toBe(true);
    const groups = (await agent1.get('/api/v1/groups')).body.items;
    const campaigns = (await agent1.get('/api/v1/campaigns')).body.items;
    const locations = (await agent1.get('/api/v1/locations')).body.items as any[];
    expect([groups.length, locations.length, campaigns.length]).toEqual([2, 3, 4]);
    expect(locations.every((l) => l.serviceArea !== null)).toBe(true);
    expect((await agent1.get('/api/v1/quick-replies')).body.items.length).toBeGreaterThanOrEqual(4);
  });

  it('shows consumer details with service-area verdicts of every zone, and saved details on a later conversation', async () => {
    const agent1 = await t.signIn(demoLogins.agent1);
    const agent2 = await t.signIn(demoLogins.agent2);
    const all = [
      ...((await agent1.get('/api/v1/conversations?kind=sms&limit=200')).body.items as any[]),
      ...((await agent2.get('/api/v1/conversations?kind=sms&limit=200')).body.items as any[]),
    ];
    const zones = new Set(all.map((c) => c.serviceArea?.zone).filter(Boolean));
    expect(zones).toEqual(new Set(['ideal', 'max', 'outside']));
    const byPhone = (phone: string) => all.find((c) => c.contactPhone === phone);
    // Agent1's Baltimore customer is beyond the Downtown DC office's 30 miles.
    const baltimore = (await agent1.get(`/api/v1/conversations/${byPhone('+13105550209').id}`)).body;
    expect(baltimore.consumer).toMatchObject({
      name: 'Dana Whitfield',
      potentialLead: true,
      preferredTime: 'evening',
    });
    expect(baltimore.serviceArea).toMatchObject({ zone: 'outside', maxMiles: 30 });
    expect(baltimore.consumerEditable).toBe(true);
    // An address without a ZIP code: details shown, no verdict.
    const unresolved = (await agent1.get(`/api/v1/conversations/${byPhone('+13105550212').id}`)).body;
    expect(unresolved.consumer).toMatchObject({ name: 'Tom Reyes', place: null });
    expect(unresolved.serviceArea).toBeNull();
    // Saved on the customer's closed conversation last month, shown on the open one.
    const returning = (await agent1.get(`/api/v1/conversations/${byPhone('+13105550206').id}`)).body;
    expect(returning.status).toBe('open');
    expect(returning.consumer).toMatchObject({ name: 'Kevin Marsh', place: { postalCode: '22314' } });
    expect(returning.serviceArea).toMatchObject({ zone: 'ideal' });
  });

  it('has a Message Center conversation whose customer joined a secure chat, with secure messages both ways', async () => {
    const agent1 = await t.signIn(demoLogins.agent1);
    const mine = (await agent1.get('/api/v1/conversations?kind=sms&filter=mine')).body.items as any[];
    const conversation = mine.find((c) => c.messageCenter.customerPhone === SECURE_DEMO_CUSTOMER);
    expect(conversation).toBeDefined();
    const invite = (await agent1.get(`/api/v1/conversations/${conversation.id}/secure-invite`)).body.invite;
    expect(invite).toMatchObject({ status: 'accepted' });
    expect(Date.parse(invite.acceptedAt)).toBeLessThanOrEqual(Date.now());
    const messages = (await agent1.get(`/api/v1/conversations/${conversation.id}/messages?limit=200`)).body
      .items as any[];
    const secure = messages.filter((m) => m.channel === 'secure');
    expect(secure.some((m) => m.authorType === 'user')).toBe(true);
    expect(secure.some((m) => m.authorType === 'contact')).toBe(true);
    expect(messages.some((m) => m.channel === 'sms' && m.authorType === 'user')).toBe(true);
    // The secure messages never became texts.
    for (const m of secure) expect(m.deliveries).toEqual([]);
  });

  it('shows a completed cold transfer with its log, a warm transfer awaiting agent2, and a chat between the agents', async () => {
    const agent1 = await t.signIn(demoLogins.agent1);
    const agent2 = await t.signIn(demoLogins.agent2);
    const agent2Id = (await agent2.get('/api/v1/me')).body.user.id;
    const seen = (await agent2.get('/api/v1/conversations?kind=sms&limit=200')).body.items as any[];
    const cold = seen.find((c) => c.messageCenter.customerPhone === '+13105550240');
    expect(cold).toMatchObject({ assigneeId: agent2Id, messageCenter: { team: { name: 'Service' } } });
    const coldLog = (await agent2.get(`/api/v1/conversations/${cold.id}/transfers`)).body.items;
    expect(coldLog).toEqual([
      expect.objectContaining({
        mode: 'cold',
        status: 'completed',
        toTeam: expect.objectContaining({ name: 'Service' }),
      }),
    ]);
    expect(coldLog[0].note).toMatch(/Service team/);

    const warm = seen.find((c) => c.messageCenter.customerPhone === '+13105550241');
    expect(warm.messageCenter.team.name).toBe('Sales');
    const warmLog = (await agent1.get(`/api/v1/conversations/${warm.id}/transfers`)).body.items;
    expect(warmLog).toEqual([
      expect.objectContaining({
        mode: 'warm',
        status: 'pending',
        toAgent: expect.objectContaining({ id: agent2Id }),
      }),
    ]);
    const messages = (await agent2.get(`/api/v1/conversations/${warm.id}/messages`)).body.items as any[];
    expect(messages.filter((m) => m.visibility === 'internal')).toHaveLength(3);
    for (const m of messages) expect(Date.parse(m.createdAt)).toBeLessThanOrEqual(Date.now());

    const chats = (await agent1.get('/api/v1/conversations?kind=internal')).body.items as any[];
    expect(chats).toHaveLength(1);
    const chat = (await agent2.get(`/api/v1/conversations/${chats[0].id}/messages`)).body.items as any[];
    expect(chat.map((m) => m.body)).toContain('Yes, 9 to 1. I will take the Service campaigns.');
  });
});
