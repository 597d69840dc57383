import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../realtime/stream-client';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { type DemoIds, demoIds } from '../support/demo-ids';
import { createThread, enlargeSecureChatPool, expectProblem, roeWithJane, send } from './helpers';

describe('conversation members and mute', () => {
  let t: TestApp;
  let ids: DemoIds;
  let attorney1: TestClient;
  let attorney2: TestClient;
  let agent1: TestClient;
  beforeAll(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    await enlargeSecureChatPool(t, ids);
    attorney1 = await t.signIn('attorney1@demo.parley.test');
    attorney2 = await t.signIn('attorney2@demo.parley.test');
    agent1 = await t.signIn('agent1@demo.parley.test');
  });
  afterAll(() => t.close());

  const memberIds = async (c: TestClient, id: string) =>
    (await c.get(`/api/v1/conversations/${id}`)).body.members.map((m: { id: string }) => m.id);

  it('lets the creator add a user (201, then 200 again) who then sees the thread and hears of it', async () => {
    const id = await createThread(t, roeWithJane(ids), attorney1);
    expect((await attorney2.get(`/api/v1/conversations/${id}`)).status).toBe(404);
    const stream = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    try {
      await stream.next('ready');
      const added = await attorney1.post(`/api/v1/conversations/${id}/members`, {
        userId: ids.users.attorney2,
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect(added.body.members).toEqual([
        expect.objectContaining({
          id: ids.users.attorney1,
          type: 'user',
          role: 'creator',
          name: 'Alex Attorney',
        }),
        expect.objectContaining({
          id: ids.users.attorney2,
          type: 'user',
          role: 'member',
          name: 'Blair Barrister',
          muted: false,
        }),
      ]);
      expect((await stream.next('conversation.updated')).data).toEqual({ id, reason: 'members' });
    } finally {
      stream.ws.close();
    }
    const again = await attorney1.post(`/api/v1/conversations/${id}/members`, {
      userId: ids.users.attorney2,
    });
    expect(again.status).toBe(200);
    const detail = await attorney2.get(`/api/v1/conversations/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.abilities).toEqual({
      send: true,
      manageMembers: false,
      mute: true,
      end: false,
      delete: false,
    });
    const audit = await t.database.query<{ details: unknown }>(
      `select details from audit_log where action = 'conversation.member_added' and target_id = $1`,
      [id],
    );
    expect(audit).toEqual([{ details: { memberType: 'user', memberId: ids.users.attorney2 } }]);
  });

  it('adds a contact linked to the matter; a contact not linked or an unknown user is 422 not-linked', async () => {
    const id = await createThread(t, roeWithJane(ids), attorney1);
    const jane = await attorney1.post(`/api/v1/conversations/${id}/members`, { contactId: ids.jane });
    expect(jane.status).toBe(201);
    expect(jane.body.members).toContainEqual(
      expect.objectContaining({ id: ids.jane, type: 'contact', name: 'Jane Roe' }),
    );
    for (const body of [
      { contactId: ids.maria },
      { contactId: ids.john },
      { userId: '01900000-0000-7000-8000-000000000000' },
    ]) {
      const r = await attorney1.post(`/api/v1/conversations/${id}/members`, body);
      expectProblem(r, 422, 'not-linked');
    }
    expect(await memberIds(attorney1, id)).toEqual([ids.users.attorney1, ids.jane]);
    for (const body of [{}, { userId: ids.users.attorney2, contactId: ids.jane }, { userId: 'nope' }]) {
      const r = await attorney1.post(`/api/v1/conversations/${id}/members`, body);
      expectProblem(r, 400, 'validation');
    }
  });

  it('forbids a member who is not the creator to add or remove members or mute others (403)', async () => {
    const id = await createThread(t, roeWithJane(ids), attorney1, { extraMembers: [ids.users.attorney2] });
    expectProblem(
      await attorney2.post(`/api/v1/conversations/${id}/members`, { userId: ids.users.agent1 }),
      403,
    );
    expectProblem(await attorney2.delete(`/api/v1/conversations/${id}/members/${ids.users.attorney1}`), 403);
    expectProblem(
      await attorney2.put(`/api/v1/conversations/${id}/mute`, { muted: true, memberId: ids.users.attorney1 }),
      403,
    );
    expect(await memberIds(attorney1, id)).toEqual([ids.users.attorney1, ids.users.attorney2]);
  });

  it('lets the creator remove a member, who then gets 404; the creator cannot be removed', async () => {
    const id = await createThread(t, roeWithJane(ids), attorney1, {
      extraMembers: [ids.users.attorney2, ids.users.agent1],
    });
    await send(attorney1, id, 'hello all');
    const removed = await attorney1.delete(`/api/v1/conversations/${id}/members/${ids.users.agent1}`);
    expect(removed.status).toBe(200);
    expect(removed.body.members.map((m: { id: string }) => m.id)).toEqual([
      ids.users.attorney1,
      ids.users.attorney2,
    ]);
    expect((await agent1.get(`/api/v1/conversations/${id}/messages`)).status).toBe(404);
    expectProblem(await attorney1.delete(`/api/v1/conversations/${id}/members/${ids.users.agent1}`), 404);
    expectProblem(
      await attorney1.delete(`/api/v1/conversations/${id}/members/${ids.users.attorney1}`),
      409,
      'creator-required',
    );
  });

  it('mutes for oneself and, by the creator, for another member; muted members get no notification', async () => {
    const id = await createThread(t, roeWithJane(ids), attorney1, {
      extraMembers: [ids.users.attorney2, ids.users.agent1],
    });
    const own = await attorney2.put(`/api/v1/conversations/${id}/mute`, { muted: true });
    expect(own.status).toBe(200);
    expect(own.body.muted).toBe(true);
    expect(own.body.members.find((m: { id: string }) => m.id === ids.users.attorney2).muted).toBe(true);
    const other = await attorney1.put(`/api/v1/conversations/${id}/mute`, {
      muted: true,
      memberId: ids.users.agent1,
    });
    expect(other.status).toBe(200);
    expect(other.body.members.find((m: { id: string }) => m.id === ids.users.agent1).muted).toBe(true);
    expectProblem(
      await attorney1.put(`/api/v1/conversations/${id}/mute`, { muted: true, memberId: ids.users.admin }),
      404,
    );

    const message = await send(attorney1, id, 'nobody is told');
    const notified = await t.database.query('select user_id from notifications where message_id = $1', [
      message.id,
    ]);
    expect(notified).toEqual([]);

    await attorney2.put(`/api/v1/conversations/${id}/mute`, { muted: false });
    const next = await send(attorney1, id, 'now attorney2 hears');
    const after = await t.database.query<{ user_id: string }>(
      'select user_id from notifications where message_id = $1',
      [next.id],
    );
    expect(after.map((r) => r.user_id)).toEqual([ids.users.attorney2]);
    expectProblem(
      await attorney2.put(`/api/v1/conversations/${id}/mute`, { muted: 'yes' }),
      400,
      'validation',
    );
  });
});
