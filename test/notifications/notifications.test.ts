import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConversation } from '../../server/features/conversations/queries';
import { storeMessage } from '../../server/features/conversations/store-message';
import { inTransaction } from '../../server/platform/bus/in-transaction';
import { createThread, expectProblem, send, type ThreadPlace } from '../conversations/helpers';
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

describe('notifications', () => {
  let t: TestApp;
  let firm: Firm;
  let alex: StaffUser;
  let blair: StaffUser;
  let casey: StaffUser;
  let jane: Contact;
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
    const matter = await makeMatter(alex, { assignees: [blair], contacts: [jane] });
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

  /** Stores a message from Jane (as an inbound text would) through the conversation core. */
  async function fromClient(conversationId: string, body: string) {
    return inTransaction(t.deps, async (tx, events) => {
      const conversation = await loadConversation(tx, firm.id, conversationId, true);
      if (!conversation) throw new Error('no conversation');
      const stored = await storeMessage(tx, t.deps, {
        conversation,
        author: { type: 'contact', id: jane.id },
        body,
        source: 'sms',
      });
      events.push(...stored.events);
      return stored.message;
    });
  }

  it('notifies every unmuted user member but the author, with a title that holds no content', async () => {
    const id = await createThread(t, place, attorney1, {
      extraMembers: [blair.id, casey.id],
    });
    await agent1.put(`/api/v1/conversations/${id}/mute`, { muted: true });
    const a2 = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    const a1 = await openStream(t.url, { session: attorney1.cookie('parley_session') });
    try {
      await Promise.all([a2.next('ready'), a1.next('ready')]);
      const message = await fromClient(id, 'my secret reply');
      const frame = await a2.next('notification.created');
      expect(frame.data).toMatchObject({
        kind: 'message.received',
        title: 'New message from Jane Roe',
        conversationId: id,
        messageId: message.id,
        matterId: place.matterId,
        readAt: null,
      });
      const own = await a1.next('notification.created');
      expect(own.data.messageId).toBe(message.id);
      expect(own.data.id).not.toBe(frame.data.id);
      // Each addressee receives only their own notification.
      await attorney2.post('/api/v1/stream/ping');
      await a2.next('pong');
      expect(a2.frames.filter((f) => f.type === 'notification.created')).toHaveLength(1);
    } finally {
      a1.ws.close();
      a2.ws.close();
    }
    const rows = await t.database.query<{ user_id: string; title: string }>(
      // Adding blair told them so (conversation.member_added); this case is about the message's notifications.
      "select user_id, title from notifications where conversation_id = $1 and kind = 'message.received' order by user_id",
      [id],
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([alex.id, blair.id].sort());
    expect(JSON.stringify(rows)).not.toContain('secret');

    const staff = await send(attorney2, id, 'staff reply');
    const forStaff = await t.database.query<{ user_id: string; title: string }>(
      'select user_id, title from notifications where message_id = $1',
      [staff.id],
    );
    expect(forStaff).toEqual([{ user_id: alex.id, title: 'New message from Blair Barrister' }]);
  });

  it('lists only the caller’s notifications, filters unread, pages, and marks read (one and all)', async () => {
    const id = await createThread(t, place, attorney1, { extraMembers: [blair.id] });
    for (let i = 0; i < 3; i++) await fromClient(id, `ping ${i}`);
    const mine = await attorney2.get('/api/v1/notifications?unread=true&limit=200');
    expect(mine.status).toBe(200);
    const ofThread = mine.body.items.filter(
      (n: { conversationId: string; kind: string }) =>
        n.conversationId === id && n.kind === 'message.received',
    );
    expect(ofThread).toHaveLength(3);
    const [newest, , oldest] = ofThread;
    expect(newest.id > oldest.id).toBe(true);

    const stored = await t.database.query<{ user_id: string }>(
      'select distinct user_id from notifications where conversation_id = $1',
      [id],
    );
    expect(stored.length).toBe(2);
    const attorney1Ids = (await attorney1.get('/api/v1/notifications?limit=200')).body.items.map(
      (n: { id: string }) => n.id,
    );
    for (const n of ofThread) expect(attorney1Ids).not.toContain(n.id);

    // Another user's notification is not theirs to mark.
    expectProblem(await attorney1.post(`/api/v1/notifications/${newest.id}/read`), 404);
    const read = await attorney2.post(`/api/v1/notifications/${newest.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await attorney2.post(`/api/v1/notifications/${newest.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);

    const unread = await attorney2.get('/api/v1/notifications?unread=true&limit=200');
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(newest.id);
    const readOnes = await attorney2.get('/api/v1/notifications?unread=false&limit=200');
    expect(readOnes.body.items.map((n: { id: string }) => n.id)).toContain(newest.id);

    const page1 = await attorney2.get('/api/v1/notifications?limit=1');
    expect(page1.body.items).toHaveLength(1);
    const page2 = await attorney2.get(`/api/v1/notifications?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].id < page1.body.items[0].id).toBe(true);

    const all = await attorney2.post('/api/v1/notifications/read-all');
    expect(all.status).toBe(200);
    expect(all.body.updated).toBeGreaterThanOrEqual(2);
    expect((await attorney2.get('/api/v1/notifications?unread=true')).body.items).toEqual([]);
    expect((await attorney2.post('/api/v1/notifications/read-all')).body.updated).toBe(0);
  });

  it('marks the reader’s notifications read up to the message read in the conversation', async () => {
    const id = await createThread(t, place, attorney1, { extraMembers: [blair.id] });
    const first = await fromClient(id, 'first');
    const second = await fromClient(id, 'second');
    const third = await fromClient(id, 'third');
    const unreadOf = async (c: TestClient) =>
      (await c.get('/api/v1/notifications?unread=true&limit=200')).body.items
        .filter(
          (n: { conversationId: string; kind: string }) =>
            n.conversationId === id && n.kind === 'message.received',
        )
        .map((n: { messageId: string }) => n.messageId);
    expect((await unreadOf(attorney2)).sort()).toEqual([first.id, second.id, third.id].sort());

    const stream = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    try {
      await stream.next('ready');
      expect(
        (await attorney2.post(`/api/v1/conversations/${id}/read`, { messageId: second.id })).status,
      ).toBe(200);
      const frame = await stream.next('notification.read');
      expect(frame.data.conversationId).toBe(id);
      expect(frame.data.ids).toHaveLength(2);
    } finally {
      stream.ws.close();
    }
    expect(await unreadOf(attorney2)).toEqual([third.id]);
    // Another member's notifications are theirs to read.
    expect((await unreadOf(attorney1)).sort()).toEqual([first.id, second.id, third.id].sort());
  });

  it('validates input and needs a signed-in user', async () => {
    expectProblem(await attorney2.get('/api/v1/notifications?unread=maybe'), 400, 'validation');
    expectProblem(await attorney2.post('/api/v1/notifications/not-a-uuid/read'), 400, 'validation');
    expectProblem(await t.client().get('/api/v1/notifications'), 401);
  });
});
