import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../realtime/stream-client';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import {
  type Contact,
  type Firm,
  makeContact,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
} from '../support/factories';
import { createThread, expectProblem, send, type ThreadPlace } from './helpers';

describe('conversation members and mute', () => {
  let t: TestApp;
  let firm: Firm;
  let alex: StaffUser;
  let blair: StaffUser;
  let casey: StaffUser;
  /** Linked to the matter of the threads. */
  let jane: Contact;
  /** Linked to another matter. */
  let john: Contact;
  /** Linked to no matter. */
  let maria: Contact;
  let place: ThreadPlace;
  let attorney1: TestClient;
  let attorney2: TestClient;
  let agent1: TestClient;
  beforeAll(async () => {
    t = await startTestApp();
    // Every case starts a thread with the same client phone: a pool and a limit for all of them.
    firm = await makeFirm(t, { numbers: 10 });
    expect((await firm.admin.client.put('/api/v1/settings', { secureChatMaxOpenPerClient: 10 })).status).toBe(
      200,
    );
    alex = await makeUser(t, firm, { role: 'attorney', name: 'Alex Attorney' });
    blair = await makeUser(t, firm, { role: 'attorney', name: 'Blair Barrister' });
    casey = await makeUser(t, firm, { role: 'agent' });
    jane = await makeContact(alex, { name: 'Jane Roe' });
    john = await makeContact(blair);
    maria = await makeContact(alex);
    const matter = await makeMatter(alex, { assignees: [blair], contacts: [jane] });
    await makeMatter(blair, { contacts: [john] });
    place = {
      firmId: firm.id,
      matterId: matter.id,
      contactId: jane.id,
      contactPhone: jane.phones[0] as string,
    };
    attorney1 = alex.client;
    attorney2 = blair.client;
    agent1 = casey.client;
  });
  afterAll(() => t.close());

  const memberIds = async (c: TestClient, id: string) =>
    (await c.get(`/api/v1/conversations/${id}`)).body.members.map((m: { id: string }) => m.id);

  it('lets the creator add a user (201, then 200 again) who then sees the thread and hears of it', async () => {
    const id = await createThread(t, place, attorney1);
    expect((await attorney2.get(`/api/v1/conversations/${id}`)).status).toBe(404);
    const stream = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    try {
      await stream.next('ready');
      const added = await attorney1.post(`/api/v1/conversations/${id}/members`, {
        userId: blair.id,
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect(added.body.members).toEqual([
        expect.objectContaining({
          id: alex.id,
          type: 'user',
          role: 'creator',
          name: 'Alex Attorney',
        }),
        expect.objectContaining({
          id: blair.id,
          type: 'user',
          role: 'member',
          name: 'Blair Barrister',
          muted: false,
        }),
      ]);
      expect((await stream.next('conversation.updated')).data).toEqual({
        id,
        reason: 'members',
        status: 'open',
        endedAt: null,
        memberId: null,
        muted: null,
        contactPhone: place.contactPhone,
        firmPhone: expect.any(String),
      });
    } finally {
      stream.ws.close();
    }
    const again = await attorney1.post(`/api/v1/conversations/${id}/members`, {
      userId: blair.id,
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
    expect(audit).toEqual([{ details: { memberType: 'user', memberId: blair.id } }]);
  });

  it('adds a contact linked to the matter; a contact not linked or an unknown user is 422 not-linked', async () => {
    const id = await createThread(t, place, attorney1);
    const added = await attorney1.post(`/api/v1/conversations/${id}/members`, { contactId: jane.id });
    expect(added.status).toBe(201);
    expect(added.body.members).toContainEqual(
      expect.objectContaining({ id: jane.id, type: 'contact', name: 'Jane Roe' }),
    );
    for (const body of [
      { contactId: maria.id },
      { contactId: john.id },
      { userId: '01900000-0000-7000-8000-000000000000' },
    ]) {
      const r = await attorney1.post(`/api/v1/conversations/${id}/members`, body);
      expectProblem(r, 422, 'not-linked');
    }
    expect(await memberIds(attorney1, id)).toEqual([alex.id, jane.id]);
    for (const body of [{}, { userId: blair.id, contactId: jane.id }, { userId: 'nope' }]) {
      const r = await attorney1.post(`/api/v1/conversations/${id}/members`, body);
      expectProblem(r, 400, 'validation');
    }
  });

  it('forbids a member who is not the creator to add or remove members or mute others (403)', async () => {
    const id = await createThread(t, place, attorney1, { extraMembers: [blair.id] });
    expectProblem(await attorney2.post(`/api/v1/conversations/${id}/members`, { userId: casey.id }), 403);
    expectProblem(await attorney2.delete(`/api/v1/conversations/${id}/members/${alex.id}`), 403);
    expectProblem(
      await attorney2.put(`/api/v1/conversations/${id}/mute`, { muted: true, memberId: alex.id }),
      403,
    );
    expect(await memberIds(attorney1, id)).toEqual([alex.id, blair.id]);
  });

  it('lets the creator remove a member, who then gets 404; the creator cannot be removed', async () => {
    const id = await createThread(t, place, attorney1, {
      extraMembers: [blair.id, casey.id],
    });
    await send(attorney1, id, 'hello all');
    const removed = await attorney1.delete(`/api/v1/conversations/${id}/members/${casey.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.members.map((m: { id: string }) => m.id)).toEqual([alex.id, blair.id]);
    expect((await agent1.get(`/api/v1/conversations/${id}/messages`)).status).toBe(404);
    expectProblem(await attorney1.delete(`/api/v1/conversations/${id}/members/${casey.id}`), 404);
    expectProblem(
      await attorney1.delete(`/api/v1/conversations/${id}/members/${alex.id}`),
      409,
      'creator-required',
    );
  });

  it('mutes for oneself and, by the creator, for another member; muted members get no notification', async () => {
    const id = await createThread(t, place, attorney1, {
      extraMembers: [blair.id, casey.id],
    });
    const own = await attorney2.put(`/api/v1/conversations/${id}/mute`, { muted: true });
    expect(own.status).toBe(200);
    expect(own.body.muted).toBe(true);
    expect(own.body.members.find((m: { id: string }) => m.id === blair.id).muted).toBe(true);
    const other = await attorney1.put(`/api/v1/conversations/${id}/mute`, {
      muted: true,
      memberId: casey.id,
    });
    expect(other.status).toBe(200);
    expect(other.body.members.find((m: { id: string }) => m.id === casey.id).muted).toBe(true);
    expectProblem(
      await attorney1.put(`/api/v1/conversations/${id}/mute`, { muted: true, memberId: firm.admin.id }),
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
    expect(after.map((r) => r.user_id)).toEqual([blair.id]);
    expectProblem(
      await attorney2.put(`/api/v1/conversations/${id}/mute`, { muted: 'yes' }),
      400,
      'validation',
    );
  });
});
