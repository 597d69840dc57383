import { v7 as uuidv7 } from 'uuid';
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

describe('conversation messages', () => {
  let t: TestApp;
  let firm: Firm;
  let alex: StaffUser;
  let blair: StaffUser;
  let jane: Contact;
  let place: ThreadPlace;
  /** A matter of blair's that the threads are not on. */
  let otherMatterId: string;
  let attorney1: TestClient;
  let attorney2: TestClient;
  beforeAll(async () => {
    t = await startTestApp();
    // Many cases start threads with the same client phone: a large pool and the highest limit.
    firm = await makeFirm(t, { numbers: 40 });
    expect((await firm.admin.client.put('/api/v1/settings', { secureChatMaxOpenPerClient: 20 })).status).toBe(
      200,
    );
    alex = await makeUser(t, firm, { role: 'attorney', name: 'Alex Attorney' });
    blair = await makeUser(t, firm, { role: 'attorney', name: 'Blair Barrister' });
    jane = await makeContact(alex, { name: 'Jane Roe' });
    const matter = await makeMatter(alex, { assignees: [blair], contacts: [jane] });
    otherMatterId = (await makeMatter(blair)).id;
    place = {
      firmId: firm.id,
      matterId: matter.id,
      contactId: jane.id,
      contactPhone: jane.phones[0] as string,
    };
    attorney1 = alex.client;
    attorney2 = blair.client;
  });
  afterAll(() => t.close());

  it("names the author of each list row's last message: the staff member, or the client", async () => {
    const id = await createThread(t, place, attorney1);
    const lastOf = async () => {
      const list = await attorney1.get(`/api/v1/conversations?kind=secure_chat&matterId=${place.matterId}`);
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      return list.body.items.find((c: { id: string }) => c.id === id)?.lastMessage;
    };
    await send(attorney1, id, 'Please call me');
    expect(await lastOf()).toMatchObject({ authorType: 'user', authorName: 'Alex Attorney' });
    const thread = await attorney1.get(`/api/v1/conversations/${id}`);
    const landed = await attorney1.post('/dev/sms/inbound', {
      from: place.contactPhone,
      to: thread.body.firmPhone,
      body: 'Calling now',
    });
    expect(landed.body, JSON.stringify(landed.body)).toMatchObject({ result: 'stored', conversationId: id });
    expect(await lastOf()).toMatchObject({
      authorType: 'contact',
      authorName: 'Jane Roe',
      snippet: 'Calling now',
    });
  });

  it('stores a message encrypted with the conversation key and answers it decrypted', async () => {
    const id = await createThread(t, place, attorney1);
    const plaintext = 'The settlement offer is 42,000 dollars — confidential';
    const sent = await send(attorney1, id, plaintext);
    expect(sent).toMatchObject({
      conversationId: id,
      authorType: 'user',
      authorId: alex.id,
      authorName: 'Alex Attorney',
      body: plaintext,
      format: 'text',
      visibility: 'public',
      kind: 'message',
      source: 'web',
      attachments: [],
    });

    const [row] = await t.database.query<{ body_sealed: string }>(
      'select body_sealed from messages where id = $1',
      [sent.id],
    );
    expect(row?.body_sealed).toMatch(/^v1\./);
    expect(row?.body_sealed).not.toContain('settlement');
    // Everything a dump of the row would hold, as text.
    const dumped = await t.database.query<{ line: string }>(
      'select row_to_json(m)::text as line from messages m where id = $1',
      [sent.id],
    );
    expect(dumped[0]?.line).toContain(sent.id);
    expect(dumped[0]?.line).not.toMatch(/settlement|42,000|confidential/);
    const keys = await t.database.query<{ line: string }>(
      'select row_to_json(k)::text as line from conversation_keys k where conversation_id = $1',
      [id],
    );
    expect(keys).toHaveLength(1);
    expect(keys[0]?.line).not.toContain('settlement');

    const listed = await attorney1.get(`/api/v1/conversations/${id}/messages`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((m: { body: string }) => m.body)).toEqual([plaintext]);
  });

  it('refuses an empty or oversized body with 400 naming body.body and stores nothing', async () => {
    const id = await createThread(t, place, attorney1);
    for (const body of ['', '   ', 'x'.repeat(10_001)]) {
      const r = await attorney1.post(`/api/v1/conversations/${id}/messages`, { body });
      expectProblem(r, 400, 'validation');
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('body.body');
    }
    const r = await attorney1.post(`/api/v1/conversations/${id}/messages`, { body: 'hi', id: 'not-a-uuid' });
    expectProblem(r, 400, 'validation');
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('body.id');
    const [count] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from messages where conversation_id = $1',
      [id],
    );
    expect(count?.n).toBe(0);
  });

  it('is idempotent by client id: 201, then 200 with the same message, one row', async () => {
    const id = await createThread(t, place, attorney1);
    const clientId = uuidv7();
    const first = await attorney1.post(`/api/v1/conversations/${id}/messages`, {
      id: clientId,
      body: 'once',
    });
    expect(first.status).toBe(201);
    const again = await attorney1.post(`/api/v1/conversations/${id}/messages`, {
      id: clientId,
      body: 'once',
    });
    expect(again.status).toBe(200);
    // The same message; only its SMS delivery may have moved on (queued → sent) in the background.
    const { deliveries, ...message } = first.body;
    expect(again.body).toEqual({
      ...message,
      deliveries: deliveries.map((d: object) => ({
        ...d,
        status: expect.stringMatching(/^(queued|sent|delivered)$/),
      })),
    });
    expect(first.body.id).toBe(clientId);
    const rows = await t.database.query('select id from messages where id = $1', [clientId]);
    expect(rows).toHaveLength(1);
  });

  it('stores one message when ten retries with the same id arrive at once', async () => {
    const id = await createThread(t, place, attorney1);
    const clientId = uuidv7();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        attorney1.post(`/api/v1/conversations/${id}/messages`, { id: clientId, body: 'retry storm' }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([clientId]));
    const rows = await t.database.query('select id from messages where conversation_id = $1', [id]);
    expect(rows).toHaveLength(1);
    const notifications = await t.database.query('select id from notifications where message_id = $1', [
      clientId,
    ]);
    expect(notifications).toHaveLength(0);
  });

  it('answers 409 when a client id is reused in another conversation', async () => {
    const a = await createThread(t, place, attorney1);
    const b = await createThread(t, place, attorney1);
    const clientId = uuidv7();
    await send(attorney1, a, 'first', { id: clientId });
    const r = await attorney1.post(`/api/v1/conversations/${b}/messages`, { id: clientId, body: 'second' });
    expectProblem(r, 409, 'message-id-taken');
    const rows = await t.database.query<{ conversation_id: string }>(
      'select conversation_id from messages where id = $1',
      [clientId],
    );
    expect(rows.map((r) => r.conversation_id)).toEqual([a]);
  });

  it('pages newest first with before, each message exactly once', async () => {
    const id = await createThread(t, place, attorney1);
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) sent.push((await send(attorney1, id, `message ${i}`)).id);
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const q: string = before ? `?limit=3&before=${before}` : '?limit=3';
      const r = await attorney1.get(`/api/v1/conversations/${id}/messages${q}`);
      expect(r.status).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...r.body.items.map((m: { id: string }) => m.id));
      before = r.body.nextCursor;
      pages += 1;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...sent].reverse());

    const unknown = await attorney1.get(`/api/v1/conversations/${id}/messages?before=${uuidv7()}`);
    expectProblem(unknown, 400, 'validation');
    expect(unknown.body.errors[0].field).toBe('query.before');
    const badLimit = await attorney1.get(`/api/v1/conversations/${id}/messages?limit=500`);
    expectProblem(badLimit, 400, 'validation');
  });

  it('pages with cursor, the list convention, to the end: one audited read per page', async () => {
    const id = await createThread(t, place, attorney1);
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) sent.push((await send(attorney1, id, `paged ${i}`)).id);
    const reads = async () =>
      (
        await t.database.query<{ n: number }>(
          `select count(*)::int as n from audit_log where target_id = $1 and action = 'conversation.read'`,
          [id],
        )
      )[0]?.n ?? 0;
    const readsBefore = await reads();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const r = await attorney1.get(`/api/v1/conversations/${id}/messages${q}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      seen.push(...r.body.items.map((m: { id: string }) => m.id));
      cursor = r.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...sent].reverse());
    expect((await reads()) - readsBefore).toBe(3);

    const unknown = await attorney1.get(`/api/v1/conversations/${id}/messages?cursor=${uuidv7()}`);
    expectProblem(unknown, 400, 'validation');
    expect(unknown.body.errors[0].field).toBe('query.cursor');
    const both = await attorney1.get(
      `/api/v1/conversations/${id}/messages?cursor=${sent[3]}&before=${sent[4]}`,
    );
    expectProblem(both, 400, 'validation');
    expect(both.body.errors[0].field).toBe('query.before');
    expect((await reads()) - readsBefore).toBe(3);
  });

  it('refuses a query parameter it does not know with 400 naming it, reading and auditing nothing', async () => {
    const id = await createThread(t, place, attorney1);
    await send(attorney1, id, 'not to be read');
    const r = await attorney1.get(`/api/v1/conversations/${id}/messages?limit=3&after=x&page=2`);
    expectProblem(r, 400, 'validation');
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'query.after',
      'query.page',
    ]);
    expect(r.body.items).toBeUndefined();
    const audited = await t.database.query(
      `select 1 from audit_log where target_id = $1 and action = 'conversation.read'`,
      [id],
    );
    expect(audited).toEqual([]);
  });

  it('keeps read state per member: unread counts, read receipts, forward only, read.updated', async () => {
    const id = await createThread(t, place, attorney1, { extraMembers: [blair.id] });
    const m1 = await send(attorney1, id, 'one');
    const m2 = await send(attorney1, id, 'two');
    const m3 = await send(attorney1, id, 'three');

    const unreadOf = async (c: TestClient) => {
      const r = await c.get(`/api/v1/conversations?matterId=${place.matterId}&limit=200`);
      return r.body.items.find((x: { id: string }) => x.id === id)?.unreadCount;
    };
    expect(await unreadOf(attorney2)).toBe(3);
    expect(await unreadOf(attorney1)).toBe(0);

    const stream = await openStream(t.url, { session: attorney1.cookie('parley_session') });
    try {
      await stream.next('ready');
      const read = await attorney2.post(`/api/v1/conversations/${id}/read`, { messageId: m2.id });
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ lastReadMessageId: m2.id, unreadCount: 1 });
      const event = await stream.next('read.updated');
      expect(event.data).toMatchObject({
        conversationId: id,
        memberType: 'user',
        memberId: blair.id,
        lastReadMessageId: m2.id,
      });
    } finally {
      stream.ws.close();
    }
    expect(await unreadOf(attorney2)).toBe(1);

    // Reading an older message does not move the read state back.
    const back = await attorney2.post(`/api/v1/conversations/${id}/read`, { messageId: m1.id });
    expect(back.body).toEqual({ lastReadMessageId: m2.id, unreadCount: 1 });

    const listed = await attorney1.get(`/api/v1/conversations/${id}/messages`);
    const readers = Object.fromEntries(
      listed.body.items.map((m: { id: string; readBy: { id: string }[] }) => [
        m.id,
        m.readBy.map((r) => r.id),
      ]),
    );
    expect(readers[m1.id]).toEqual([blair.id]);
    expect(readers[m2.id]).toEqual([blair.id]);
    expect(readers[m3.id]).toEqual([]);

    // A reply by attorney2 counts for attorney1 and marks everything up to it read for attorney2.
    await send(attorney2, id, 'four');
    expect(await unreadOf(attorney2)).toBe(0);
    expect(await unreadOf(attorney1)).toBe(1);

    const foreign = await createThread(t, place, attorney2);
    const other = await send(attorney2, foreign, 'elsewhere');
    const wrong = await attorney2.post(`/api/v1/conversations/${id}/read`, { messageId: other.id });
    expectProblem(wrong, 400, 'validation');
    expect(wrong.body.errors[0].field).toBe('body.messageId');
  });

  it('answers 409 conversation-ended on a send to an ended thread, but a retry still answers 200', async () => {
    const id = await createThread(t, place, attorney1);
    const clientId = uuidv7();
    await send(attorney1, id, 'before the end', { id: clientId });
    const ended = await attorney1.post(`/api/v1/conversations/${id}/end`);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const r = await attorney1.post(`/api/v1/conversations/${id}/messages`, { body: 'too late' });
    expectProblem(r, 409, 'conversation-ended');
    const retry = await attorney1.post(`/api/v1/conversations/${id}/messages`, {
      id: clientId,
      body: 'before the end',
    });
    expect(retry.status).toBe(200);
    const rows = await t.database.query('select id from messages where conversation_id = $1', [id]);
    expect(rows).toHaveLength(1);
  });

  it('sends message.created with the message to the members’ sockets', async () => {
    const id = await createThread(t, place, attorney1, { extraMembers: [blair.id] });
    const stream = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    try {
      await stream.next('ready');
      const sent = await send(attorney1, id, 'live update');
      const frame = await stream.next('message.created');
      expect(frame.data.conversationId).toBe(id);
      expect(frame.data.message).toMatchObject({
        id: sent.id,
        body: 'live update',
        authorId: alex.id,
      });
    } finally {
      stream.ws.close();
    }
  });

  it('lists conversations with kind, matter and status filters, most recent first, paged', async () => {
    const older = await createThread(t, place, attorney2);
    const newer = await createThread(t, place, attorney2);
    await send(attorney2, older, 'bump');
    const r = await attorney2.get(
      `/api/v1/conversations?kind=secure_chat&matterId=${place.matterId}&limit=200`,
    );
    expect(r.status).toBe(200);
    const order = r.body.items.map((c: { id: string }) => c.id);
    expect(order.indexOf(older)).toBeLessThan(order.indexOf(newer));
    const item = r.body.items.find((c: { id: string }) => c.id === newer);
    expect(item).toMatchObject({
      kind: 'secure_chat',
      status: 'open',
      matterId: place.matterId,
      contact: { id: jane.id, name: 'Jane Roe' },
      contactPhone: place.contactPhone,
      unreadCount: 0,
      muted: false,
      member: true,
      alert: null,
      abilities: { send: true, manageMembers: true, mute: true, end: true, delete: true },
    });
    const none = await attorney2.get(`/api/v1/conversations?matterId=${otherMatterId}`);
    expect(none.body.items.map((c: { id: string }) => c.id)).not.toContain(newer);
    const closed = await attorney2.get('/api/v1/conversations?filter=closed');
    expect(closed.body.items.map((c: { id: string }) => c.id)).not.toContain(newer);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await attorney2.get(`/api/v1/conversations?limit=1${q}`);
      expect(page.status).toBe(200);
      pages.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor && pages.length < 50);
    const all = await attorney2.get('/api/v1/conversations?limit=200');
    expect(pages).toEqual(all.body.items.map((c: { id: string }) => c.id));
    const bad = await attorney2.get('/api/v1/conversations?cursor=garbage');
    expectProblem(bad, 400, 'validation');
  });

  it('answers 422 kind-not-supported for kinds not built yet, and 400 for a bad kind', async () => {
    const portal = await attorney1.post('/api/v1/conversations', {
      kind: 'portal_chat',
      matterId: blair.id,
      contactId: blair.id,
    });
    expectProblem(portal, 422, 'kind-not-supported');
    const bad = await attorney1.post('/api/v1/conversations', { kind: 'carrier-pigeon' });
    expectProblem(bad, 400, 'validation');
  });
});
