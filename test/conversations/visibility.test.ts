import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../realtime/stream-client';
import { startTestApp, type TestApp } from '../support/app';
import type { Answer, TestClient } from '../support/client';
import { makeContact, makeFirm, makeMatter, makeUser, type StaffUser } from '../support/factories';
import { createThread, expectProblem, send, type ThreadPlace } from './helpers';

describe('conversation visibility', () => {
  let t: TestApp;
  let owner: StaffUser;
  let assignee: StaffUser;
  let attorney1: TestClient;
  let attorney2: TestClient;
  let admin: TestClient;
  let viewer: TestClient;
  let viewerId: string;
  let place: ThreadPlace;
  let thread: string;
  let firstMessage: string;
  beforeAll(async () => {
    t = await startTestApp();
    const firm = await makeFirm(t);
    owner = await makeUser(t, firm, { role: 'attorney' });
    // Assigned to the matter, yet no member of the thread: the matter alone shows no conversation.
    assignee = await makeUser(t, firm, { role: 'attorney' });
    const watcher = await makeUser(t, firm, { role: 'staff', permissions: ['secure_chat.view_all'] });
    const client = await makeContact(owner);
    const matter = await makeMatter(owner, { assignees: [assignee], contacts: [client] });
    place = {
      firmId: firm.id,
      matterId: matter.id,
      contactId: client.id,
      contactPhone: client.phones[0] as string,
    };
    attorney1 = owner.client;
    attorney2 = assignee.client;
    admin = firm.admin.client;
    viewer = watcher.client;
    viewerId = watcher.id;
    thread = await createThread(t, place, attorney1);
    firstMessage = (await send(attorney1, thread, 'private to members')).id;
  });
  afterAll(() => t.close());

  /** Every conversation route, as a non-member would call it. */
  const everyRoute = (c: TestClient, id: string): [string, () => Promise<Answer>][] => [
    ['GET conversation', () => c.get(`/api/v1/conversations/${id}`)],
    ['GET messages', () => c.get(`/api/v1/conversations/${id}/messages`)],
    ['POST message', () => c.post(`/api/v1/conversations/${id}/messages`, { body: 'let me in' })],
    ['POST read', () => c.post(`/api/v1/conversations/${id}/read`, { messageId: firstMessage })],
    ['POST member', () => c.post(`/api/v1/conversations/${id}/members`, { userId: assignee.id })],
    ['DELETE member', () => c.delete(`/api/v1/conversations/${id}/members/${owner.id}`)],
    ['PUT mute', () => c.put(`/api/v1/conversations/${id}/mute`, { muted: true })],
    ['DELETE conversation', () => c.delete(`/api/v1/conversations/${id}`)],
  ];

  it('answers 404 on every route to a user who is neither member nor view_all holder, changing nothing', async () => {
    const before = await t.database.query<{ n: number }>(
      `select (select count(*) from messages) + (select count(*) from conversation_members)
        + (select count(*) from conversations) + (select count(*) from audit_log) as n`,
    );
    for (const [name, call] of everyRoute(attorney2, thread)) {
      const r = await call();
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(404);
      expect(r.body.type).toBe('/problems/not-found');
    }
    const after = await t.database.query<{ n: number }>(
      `select (select count(*) from messages) + (select count(*) from conversation_members)
        + (select count(*) from conversations) + (select count(*) from audit_log) as n`,
    );
    expect(after).toEqual(before);
    const list = await attorney2.get('/api/v1/conversations?limit=200');
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(thread);
  });

  it('sends a non-member no event of the thread, while the member and a view_all holder get them', async () => {
    const outsider = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    const member = await openStream(t.url, { session: attorney1.cookie('parley_session') });
    const watcher = await openStream(t.url, { session: viewer.cookie('parley_session') });
    try {
      await Promise.all([outsider.next('ready'), member.next('ready'), watcher.next('ready')]);
      const sent = await send(attorney1, thread, 'only for the right eyes');
      await member.next('message.created');
      expect((await watcher.next('message.created')).data.message.id).toBe(sent.id);
      await attorney1.post(`/api/v1/conversations/${thread}/read`, { messageId: sent.id });
      // A sentinel event addressed to the outsider, published after everything else: when it
      // arrives, every earlier event that was going to reach the outsider has arrived.
      await attorney2.post('/api/v1/stream/ping');
      await outsider.next('pong');
      expect(outsider.frames.map((f) => f.type)).toEqual(['ready', 'pong']);
    } finally {
      for (const s of [outsider, member, watcher]) s.ws.close();
    }
  });

  it('lets a holder of secure_chat.view_all list, open and read the thread, audited, without member rights', async () => {
    const list = await viewer.get('/api/v1/conversations?limit=200');
    const item = list.body.items.find((c: { id: string }) => c.id === thread);
    expect(item).toMatchObject({
      member: false,
      unreadCount: 0,
      abilities: { send: false, manageMembers: false, mute: false, end: false, delete: false },
    });
    const detail = await viewer.get(`/api/v1/conversations/${thread}`);
    expect(detail.status).toBe(200);
    expect(detail.body.members.map((m: { id: string }) => m.id)).toEqual([owner.id]);
    const messages = await viewer.get(`/api/v1/conversations/${thread}/messages`);
    expect(messages.status).toBe(200);
    expect(messages.body.items.map((m: { body: string }) => m.body)).toContain('private to members');
    const audited = await t.database.query<{
      actor_id: string;
      details: { asMember: boolean; messages: number };
    }>(
      `select actor_id, details from audit_log where action = 'conversation.read' and target_id = $1 order by seq`,
      [thread],
    );
    const mine = audited.filter((a) => a.actor_id === viewerId);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.details).toMatchObject({ asMember: false, messages: messages.body.items.length });
    expect(JSON.stringify(audited)).not.toContain('private to members');

    expectProblem(await viewer.post(`/api/v1/conversations/${thread}/messages`, { body: 'hi' }), 403);
    expectProblem(await viewer.post(`/api/v1/conversations/${thread}/members`, { userId: viewerId }), 403);
    expectProblem(await viewer.put(`/api/v1/conversations/${thread}/mute`, { muted: true }), 403);
    expectProblem(await viewer.delete(`/api/v1/conversations/${thread}`), 403);
    const read = await viewer.post(`/api/v1/conversations/${thread}/read`, { messageId: firstMessage });
    expect(read.body).toEqual({ lastReadMessageId: null, unreadCount: 0 });
  });

  it('audits each read of messages by a member', async () => {
    const before = await t.database.query(
      `select id from audit_log where action = 'conversation.read' and target_id = $1 and actor_id = $2`,
      [thread, owner.id],
    );
    await attorney1.get(`/api/v1/conversations/${thread}/messages`);
    await attorney1.get(`/api/v1/conversations/${thread}/messages?limit=1`);
    const after = await t.database.query(
      `select id from audit_log where action = 'conversation.read' and target_id = $1 and actor_id = $2`,
      [thread, owner.id],
    );
    expect(after.length - before.length).toBe(2);
  });

  it('shows view_all only for secure chats: other kinds stay members-only even for an admin', async () => {
    const internal = await createThread(t, place, attorney1, { kind: 'internal' });
    expect((await admin.get(`/api/v1/conversations/${internal}`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/conversations/${internal}/messages`)).status).toBe(404);
    expect((await attorney1.get(`/api/v1/conversations/${internal}`)).status).toBe(200);
  });

  it('answers 404 for an unknown id and 401 when not signed in', async () => {
    expectProblem(await attorney1.get('/api/v1/conversations/01900000-0000-7000-8000-000000000000'), 404);
    expectProblem(await t.client().get(`/api/v1/conversations/${thread}`), 401);
    expectProblem(await t.client().get('/api/v1/conversations'), 401);
  });
});
