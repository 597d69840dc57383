import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../server/platform/db/schema';
import { expectProblem } from '../conversations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, type StaffUser } from '../support/factories';
import { waitFor } from '../support/wait';
import { customerTexts, makeAgent, makeSetup, makeTeam, phoneInbox, type Setup } from './helpers';
import {
  claimedConversation,
  joinOnNewDevice,
  latestCode,
  linkToken,
  textsMatching,
} from './secure-invite-helpers';

const link = (token: string) => `/api/v1/secure-chat-invites/${token}`;

async function staffMessages(c: StaffUser['client'], id: string): Promise<any[]> {
  const r = await c.get(`/api/v1/conversations/${id}/messages?limit=200`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
}

describe('Message Center secure chat invitation', () => {
  let t: TestApp;
  let firm: Firm;
  let agent: StaffUser;
  let other: StaffUser;
  let setup: Setup;

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    agent = await makeAgent(t, firm, 'Ava Agent');
    other = await makeAgent(t, firm, 'Otto Other');
    setup = await makeSetup(firm, await makeTeam(firm, [agent, other]));
  });
  afterAll(async () => t.close());

  async function invite(conversationId: string, by = agent) {
    return by.client.post(`/api/v1/conversations/${conversationId}/secure-invite`, {});
  }

  it('only the agent who claimed the conversation may invite; the customer is texted a link', async () => {
    const customer = '+14155550901';
    const inbound = await customerTexts(agent.client, customer, setup.campaign.phone, 'Hello?');
    const id = inbound.conversationId as string;
    expectProblem(await invite(id), 409, 'not-claimed');
    expect((await agent.client.post(`/api/v1/conversations/${id}/claim`, {})).status).toBe(200);
    expectProblem(await invite(id, other), 409, 'claimed');

    const sent = await invite(id);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ conversationId: id, status: 'invited', invitedBy: agent.id });
    const state = await agent.client.get(`/api/v1/conversations/${id}/secure-invite`);
    expect(state.body.invite).toMatchObject({ id: sent.body.id, status: 'invited', openedAt: null });
    const token = await linkToken(agent.client, customer);
    expect(token).toMatch(new RegExp(`^${firm.id}\\.`));
    // The conversation shows that an invitation went out; the link itself is nowhere in it.
    const history = await staffMessages(agent.client, id);
    expect(history.some((m) => m.kind === 'status' && /secure chat/.test(m.body))).toBe(true);
    expect(history.some((m) => m.body.includes(token))).toBe(false);
  });

  it('a joined customer chats securely both ways; secure messages are never handed to the SMS channel', async () => {
    const { customer, conversationId: id } = await claimedConversation(agent.client, setup);
    // Before the customer joins, the secure chat is refused and the default is a text.
    expectProblem(
      await agent.client.post(`/api/v1/conversations/${id}/messages`, { body: 'hi', channel: 'secure' }),
      409,
      'secure-chat-not-joined',
    );
    expectProblem(
      await agent.client.post(`/api/v1/conversations/${id}/messages`, { body: 'hi', channel: 'pigeon' }),
      400,
    );
    const texted = await agent.client.post(`/api/v1/conversations/${id}/messages`, {
      body: 'Happy to help. I will send you a secure link.',
    });
    expect(texted.body.channel).toBe('sms');
    await agent.client.post(`/api/v1/conversations/${id}/messages`, {
      body: 'Staff only: asked about pricing',
      visibility: 'note',
    });
    expect((await invite(id)).status).toBe(201);
    const token = await linkToken(agent.client, customer);
    const device = await joinOnNewDevice(t, agent.client, customer, token);
    const inviteState = await agent.client.get(`/api/v1/conversations/${id}/secure-invite`);
    expect(inviteState.body.invite.status).toBe('accepted');
    const textsBefore = (await phoneInbox(agent.client, customer)).length;

    // Without a choice, once the customer joined, the agent's message goes to the secure chat.
    const secret = await agent.client.post(`/api/v1/conversations/${id}/messages`, {
      body: 'Your account number ends in 4411.',
    });
    expect(secret.status, JSON.stringify(secret.body)).toBe(201);
    expect(secret.body.channel).toBe('secure');
    const chosen = await agent.client.post(`/api/v1/conversations/${id}/messages`, {
      body: 'And your balance is $120.',
      channel: 'secure',
    });
    expect(chosen.body.channel).toBe('secure');
    for (const m of [secret.body, chosen.body]) {
      expect(m.deliveries).toEqual([]);
      const jobs = await t.deps.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.firmId, firm.id), eq(outbox.idempotencyKey, m.id)));
      expect(jobs).toEqual([]);
    }

    // The customer's page: the texted history and the secure messages, never the note.
    const seen = await device.get(`${link(token)}/messages`);
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    const bodies = seen.body.items.map((m: any) => m.body);
    expect(bodies).toContain('Your account number ends in 4411.');
    expect(bodies).toContain('Happy to help. I will send you a secure link.');
    expect(bodies.some((b: string) => b.includes('Staff only'))).toBe(false);
    expect(bodies.some((b: string) => b.includes('secure chat'))).toBe(false);
    expect(seen.body.items.find((m: any) => m.body.startsWith('Your account')).channel).toBe('secure');

    // The customer writes: an inbound secure message the agents see, not texted anywhere.
    expectProblem(
      await device.post(
        `${link(token)}/messages`,
        { body: 'no token' },
        { headers: { 'x-csrf-token': 'x' } },
      ),
      403,
    );
    const reply = await device.post(`${link(token)}/messages`, { body: 'Thanks, that is right.' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ from: 'customer', channel: 'secure' });
    const staffView = (await staffMessages(agent.client, id)).find((m) => m.id === reply.body.id);
    expect(staffView).toMatchObject({ authorType: 'contact', channel: 'secure', source: 'secure' });

    // An explicit SMS choice still texts.
    const sms = await agent.client.post(`/api/v1/conversations/${id}/messages`, {
      body: 'Texting you a reminder.',
      channel: 'sms',
    });
    expect(sms.body.channel).toBe('sms');
    await textsMatching(agent.client, customer, /reminder/);
    const texts = await phoneInbox(agent.client, customer);
    expect(texts).toHaveLength(textsBefore + 1);
    expect(texts.some((x) => /4411|\$120/.test(x.body))).toBe(false);

    // Every step is audited, reads of content included.
    const audit = await firm.admin.client.get('/api/v1/audit?limit=200');
    const actions = audit.body.items.filter((e: any) => e.targetId === id).map((e: any) => e.action);
    for (const action of [
      'message_center.secure_invite_sent',
      'message_center.secure_link_opened',
      'message_center.secure_code_verified',
      'message_center.secure_chat_read',
    ])
      expect(actions).toContain(action);
  });

  it('streams the chat live to the verified device only', async () => {
    const { customer, conversationId: id } = await claimedConversation(agent.client, setup);
    expect((await invite(id)).status).toBe(201);
    const token = await linkToken(agent.client, customer);
    const device = await joinOnNewDevice(t, agent.client, customer, token);
    const stranger = await fetch(`${t.url}${link(token)}/stream`);
    expect(stranger.status).toBe(410);
    await stranger.body?.cancel();

    const controller = new AbortController();
    const response = await fetch(`${t.url}${link(token)}/stream`, {
      headers: { cookie: `parley_secure_chat=${device.cookie('parley_secure_chat')}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    const frames: any[] = [];
    const nextFrame = async (test: (f: any) => boolean) => {
      for (;;) {
        const found = frames.find(test);
        if (found) return found;
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffered += decoder.decode(value, { stream: true });
        const parts = buffered.split('\n\n');
        buffered = parts.pop() ?? '';
        for (const part of parts)
          if (part.startsWith('data: ')) frames.push(JSON.parse(part.slice('data: '.length)));
      }
    };
    await nextFrame((f) => f.type === 'ready');
    await agent.client.post(`/api/v1/conversations/${id}/messages`, { body: 'internal', visibility: 'note' });
    await agent.client.post(`/api/v1/conversations/${id}/messages`, { body: 'Live secure hello' });
    const live = await nextFrame((f) => f.type === 'message');
    expect(live.message).toMatchObject({ from: 'business', body: 'Live secure hello', channel: 'secure' });
    expect(frames.some((f) => f.message?.body === 'internal')).toBe(false);
    await agent.client.post(`/api/v1/conversations/${id}/close`, {});
    expect(await nextFrame((f) => f.type === 'ended')).toMatchObject({ reason: 'conversation-closed' });
    controller.abort();
  });

  it('a link works on one device only: another browser is refused after verification', async () => {
    const { customer, conversationId: id } = await claimedConversation(agent.client, setup);
    await invite(id);
    const token = await linkToken(agent.client, customer);
    const first = t.client();
    const second = t.client();
    // Both may open it while nobody has verified it.
    expect((await first.get(link(token))).body.status).toBe('code_required');
    expect((await second.get(link(token))).status).toBe(200);
    await first.post(`${link(token)}/code`, {});
    const code = await latestCode(agent.client, customer);
    const ok = await first.post(`${link(token)}/verify`, { code });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.csrfToken).toEqual(expect.any(String));
    expect((await first.get(link(token))).body.status).toBe('joined');

    expectProblem(await second.get(link(token)), 410, 'link-used');
    expectProblem(await second.post(`${link(token)}/verify`, { code }), 410, 'link-used');
    expectProblem(await second.post(`${link(token)}/code`, {}), 410, 'link-used');
    expectProblem(await second.get(`${link(token)}/messages`), 410, 'link-used');
    // A device that never verified gets 410 too, and a device cookie from another link is no key.
    second.setCookie('parley_secure_chat', 'made-up');
    expectProblem(await second.get(`${link(token)}/messages`), 410, 'link-used');
  });

  it('expires after a day unless verified', async () => {
    const { customer, conversationId: id } = await claimedConversation(agent.client, setup);
    await invite(id);
    const token = await linkToken(agent.client, customer);
    const device = t.client();
    expect((await device.get(link(token))).status).toBe(200);
    const realClock = t.deps.clock;
    try {
      // Only the customer's side calls while the clock is a day ahead: a staff session would expire.
      t.deps.clock = () => new Date(Date.now() + 24 * 3_600_000 + 60_000);
      expectProblem(await device.get(link(token)), 410, 'link-expired');
      expectProblem(await device.post(`${link(token)}/code`, {}), 410, 'link-expired');
    } finally {
      t.deps.clock = realClock;
    }
  });

  it('counts wrong codes and burns the link at the fifth; code re-sends are throttled', async () => {
    const { customer, conversationId: id } = await claimedConversation(agent.client, setup);
    await invite(id);
    const token = await linkToken(agent.client, customer);
    const device = t.client();
    expectProblem(await device.post(`${link(token)}/verify`, { code: '123456' }), 422, 'code-expired');
    expect((await device.post(`${link(token)}/code`, {})).status).toBe(200);
    const resend = await device.post(`${link(token)}/code`, {});
    expect(resend.status, JSON.stringify(resend.body)).toBe(429);
    expect(Number(resend.headers.get('retry-after'))).toBeGreaterThan(0);
    const code = await latestCode(agent.client, customer);
    const realClock = t.deps.clock;
    try {
      t.deps.clock = () => new Date(Date.now() + 61_000);
      expect((await device.post(`${link(token)}/code`, {})).status).toBe(200);
    } finally {
      t.deps.clock = realClock;
    }
    const newest = await latestCode(agent.client, customer, 2);
    expect(newest).toMatch(/^\d{6}$/);
    // Any code but the newest is wrong, the one texted first included.
    const wrong = newest === code ? String((Number(code) + 1) % 1_000_000).padStart(6, '0') : code;
    for (let left = 4; left >= 1; left--) {
      const r = await device.post(`${link(token)}/verify`, { code: wrong });
      expectProblem(r, 422, 'wrong-code');
      expect(r.body.attemptsLeft).toBe(left);
    }
    expectProblem(await device.post(`${link(token)}/verify`, { code: wrong }), 410, 'link-burnt');
    // Burnt: even the right code no longer opens it.
    expectProblem(await device.post(`${link(token)}/verify`, { code: newest }), 410, 'link-burnt');
    expect((await agent.client.get(`/api/v1/conversations/${id}/secure-invite`)).body.invite.status).toBe(
      'burnt',
    );
  });

  it('a new invitation revokes the previous link', async () => {
    const { customer, conversationId: id } = await claimedConversation(agent.client, setup);
    await invite(id);
    const old = await linkToken(agent.client, customer);
    await invite(id);
    const fresh = await linkToken(agent.client, customer, 2);
    expect(fresh).not.toBe(old);
    expectProblem(await t.client().get(link(old)), 410, 'link-revoked');
    expect((await t.client().get(link(fresh))).status).toBe(200);
  });

  it('another firm’s or a made-up token is unknown (404)', async () => {
    const { customer, conversationId: id } = await claimedConversation(agent.client, setup);
    await invite(id);
    const token = await linkToken(agent.client, customer);
    const otherFirm = await makeFirm(t);
    const secret = token.slice(token.indexOf('.') + 1);
    expectProblem(await t.client().get(link(`${otherFirm.id}.${secret}`)), 404);
    expectProblem(await t.client().get(link('not-a-token')), 404);
    // Staff of another firm can not invite to this conversation either.
    const outsider = await makeAgent(t, otherFirm);
    expectProblem(await invite(id, outsider), 404);
  });

  it('refuses to invite a customer who opted out (422 opted-out)', async () => {
    const { customer, conversationId: first } = await claimedConversation(agent.client, setup);
    await customerTexts(agent.client, customer, setup.campaign.phone, 'STOP');
    await waitFor(
      async () => (await phoneInbox(agent.client, customer)).length >= 1,
      'the STOP confirmation',
    );
    expectProblem(await invite(first), 409, 'conversation-closed');
    const again = await customerTexts(agent.client, customer, setup.campaign.phone, 'One more question');
    const id = again.conversationId as string;
    expect((await agent.client.post(`/api/v1/conversations/${id}/claim`, {})).status).toBe(200);
    expectProblem(await invite(id), 422, 'opted-out');
    expect((await agent.client.get(`/api/v1/conversations/${id}/secure-invite`)).body.invite).toBeNull();
  });
});
