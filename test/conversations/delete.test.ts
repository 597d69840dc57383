import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../realtime/stream-client';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { type Firm, makeContact, makeFirm, makeMatter, makeUser, type StaffUser } from '../support/factories';
import { createThread, expectProblem, send, type ThreadPlace } from './helpers';

const TABLES = [
  ['messages', 'conversation_id'],
  ['message_deliveries', 'conversation_id'],
  ['conversation_members', 'conversation_id'],
  ['notifications', 'conversation_id'],
  ['secure_chat_links', 'conversation_id'],
  ['conversation_keys', 'conversation_id'],
  ['conversations', 'id'],
] as const;

describe('DELETE /api/v1/conversations/:id', () => {
  let t: TestApp;
  let firm: Firm;
  let owner: StaffUser;
  let colleague: StaffUser;
  let place: ThreadPlace;
  let attorney1: TestClient;
  let attorney2: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp();
    // Every case starts a thread with the same client phone: a pool and a limit for all of them.
    firm = await makeFirm(t, { numbers: 10 });
    owner = await makeUser(t, firm, { role: 'attorney' });
    colleague = await makeUser(t, firm, { role: 'attorney' });
    const client = await makeContact(owner);
    const matter = await makeMatter(owner, { assignees: [colleague], contacts: [client] });
    place = {
      firmId: firm.id,
      matterId: matter.id,
      contactId: client.id,
      contactPhone: client.phones[0] as string,
    };
    expect((await firm.admin.client.put('/api/v1/settings', { secureChatMaxOpenPerClient: 10 })).status).toBe(
      200,
    );
    attorney1 = owner.client;
    attorney2 = colleague.client;
    admin = firm.admin.client;
  });
  afterAll(() => t.close());

  async function leftovers(id: string) {
    const counts: Record<string, number> = {};
    for (const [table, column] of TABLES) {
      const [row] = await t.database.query<{ n: number }>(
        `select count(*)::int as n from ${table} where ${column} = $1`,
        [id],
      );
      counts[table] = row?.n ?? -1;
    }
    return counts;
  }

  /** A thread with members, messages, a delivery, notifications and a secure-chat link. */
  async function populated() {
    const id = await createThread(t, place, attorney1, { extraMembers: [colleague.id] });
    const m = await send(attorney1, id, 'to be shredded');
    await send(attorney2, id, 'reply to be shredded');
    await t.database.query(
      `insert into message_deliveries (firm_id, message_id, channel, recipient, status, conversation_id)
       values ($1, $2, 'email', 'jane.roe@example.com', 'sent', $3)`,
      [firm.id, m.id, id],
    );
    const before = await leftovers(id);
    expect(before.messages).toBe(2);
    expect(before.notifications).toBeGreaterThan(0);
    expect(before.message_deliveries).toBeGreaterThanOrEqual(1);
    expect(before.secure_chat_links).toBe(1);
    return id;
  }

  it('lets the creator delete: every row and the key are gone, the audit keeps metadata and verifies', async () => {
    const id = await populated();
    const [first] = await t.database.query<{ id: string }>(
      'select id from messages where conversation_id = $1 order by created_at limit 1',
      [id],
    );
    // A job for one of its messages still waiting in the outbox (far in the future, so it stays pending).
    await t.database.query(
      `insert into outbox (firm_id, id, topic, payload, idempotency_key, next_attempt_at)
       values ($1, gen_random_uuid(), 'test.later', '{}', $2, now() + interval '1 day')`,
      [firm.id, first?.id],
    );
    const stream = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    try {
      await stream.next('ready');
      const r = await attorney1.delete(`/api/v1/conversations/${id}`);
      expect(r.status).toBe(204);
      expect((await stream.next('conversation.deleted')).data).toEqual({ id });
    } finally {
      stream.ws.close();
    }
    expect(Object.values(await leftovers(id)).every((n) => n === 0)).toBe(true);
    expect(
      await t.database.query("select id from outbox where idempotency_key = $1 and status = 'pending'", [
        first?.id,
      ]),
    ).toEqual([]);
    const audit = await t.database.query<{ actor_id: string; details: Record<string, unknown> }>(
      `select actor_id, details from audit_log where action = 'conversation.deleted' and target_id = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(owner.id);
    expect(audit[0]?.details).toMatchObject({ kind: 'secure_chat', matterId: place.matterId, messages: 2 });
    expect(JSON.stringify(audit)).not.toContain('shredded');
    const verify = await admin.get('/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
    expectProblem(await attorney1.get(`/api/v1/conversations/${id}`), 404);
    expectProblem(await attorney1.delete(`/api/v1/conversations/${id}`), 404);
    const list = await attorney2.get('/api/v1/notifications?limit=200');
    expect(list.body.items.map((n: { conversationId: string }) => n.conversationId)).not.toContain(id);
  });

  it('lets an admin delete a thread they are not a member of', async () => {
    const id = await populated();
    expect((await admin.delete(`/api/v1/conversations/${id}`)).status).toBe(204);
    expect(Object.values(await leftovers(id)).every((n) => n === 0)).toBe(true);
  });

  it('refuses a member who is not the creator (403) and a non-member (404), deleting nothing', async () => {
    const id = await populated();
    const before = await leftovers(id);
    expectProblem(await attorney2.delete(`/api/v1/conversations/${id}`), 403);
    const agent = (await makeUser(t, firm, { role: 'agent' })).client;
    expectProblem(await agent.delete(`/api/v1/conversations/${id}`), 404);
    expect(await leftovers(id)).toEqual(before);
  });
});
