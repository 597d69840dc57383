import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/platform/db/client';
import { openPostgres } from '../../server/platform/db/postgres';
import { startTestApp, type TestApp } from '../support/app';
import type { Answer, TestClient } from '../support/client';
import { makeContact, makeConversation, makeFirm, makeMatter, makeUser } from '../support/factories';
import { settledJobs } from '../support/outbox';
import { adminUrl } from '../support/postgres';

// PostgreSQL only: the embedded database has no connections to lose.
describe.skipIf(!process.env.DATABASE_URL)('when PostgreSQL closes the server’s connections', () => {
  let t: TestApp;
  let admin: Database;
  let datname: string;
  let attorney: TestClient;
  let conversationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    // A separate connection, to another database, that the terminations never hit.
    admin = openPostgres(adminUrl(process.env.DATABASE_URL as string), 1);
    datname = new URL(t.env.DATABASE_URL as string).pathname.slice(1);
    const firm = await makeFirm(t);
    const owner = await makeUser(t, firm, { role: 'attorney' });
    const contact = await makeContact(owner);
    conversationId = (
      await makeConversation(owner, await makeMatter(owner, { contacts: [contact] }), contact)
    ).id;
    attorney = owner.client;
  });
  afterAll(async () => {
    await admin?.close();
    await t?.close();
  });

  /** The server's backends on the test's own database that are running a query or a transaction. */
  async function busyBackends(): Promise<number> {
    const [row] = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle'`,
      [datname],
    );
    return row?.n ?? 0;
  }

  /** Terminates every backend of the test's database, as a restart or a failover would. */
  async function terminateBackends(): Promise<number> {
    const rows = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [datname],
    );
    return rows.length;
  }

  const post = (clientId: string) =>
    attorney.post(`/api/v1/conversations/${conversationId}/messages`, {
      id: clientId,
      body: `burst ${clientId}`,
    });

  it('fails only the requests that lost their connection (503, Retry-After), stores each acknowledged message once, and takes retries', async () => {
    const clientIds: string[] = [];
    const answers = new Map<string, Answer>();
    for (let round = 0; round < 4; round++) {
      const batch = Array.from({ length: 15 }, () => uuidv7());
      clientIds.push(...batch);
      let done = false;
      const sending = Promise.all(batch.map(async (id) => answers.set(id, await post(id)))).finally(() => {
        done = true;
      });
      // Cut the connections while the burst is in the database, not before it arrives or after it ended.
      while (!done && (await busyBackends()) === 0) await new Promise((resolve) => setImmediate(resolve));
      if (!done) await terminateBackends();
      await sending;
    }

    const acknowledged = clientIds.filter((id) => (answers.get(id)?.status ?? 0) < 300);
    const refused = clientIds.filter((id) => !acknowledged.includes(id));
    expect(acknowledged.length).toBeGreaterThan(0);
    // Every failure is the database being away, never a 500: a client knows to retry.
    for (const id of refused) {
      const r = answers.get(id) as Answer;
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(r.body.type).toBe('/problems/unavailable');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const storedOnce = async () =>
      t.database.query<{ id: string; n: number }>(
        'SELECT id, count(*)::int AS n FROM messages WHERE conversation_id = $1 AND id = ANY($2::uuid[]) GROUP BY id',
        [conversationId, clientIds],
      );
    const stored = new Map((await storedOnce()).map((r) => [r.id, r.n]));
    for (const id of acknowledged) expect(stored.get(id), id).toBe(1);

    // The process is alive and the pool has recovered: each message, sent again with its client id,
    // is taken (201) or answered as already stored (200), and is then stored exactly once.
    expect((await t.client().get('/healthz')).status).toBe(200);
    for (const id of clientIds) {
      const r = await post(id);
      expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
      expect(r.body.id).toBe(id);
      if (acknowledged.includes(id)) expect(r.status).toBe(200);
    }
    const after = await storedOnce();
    expect(after).toHaveLength(clientIds.length);
    expect(after.every((r) => r.n === 1)).toBe(true);
    const texts = await t.database.query<{ idempotency_key: string; n: number }>(
      `SELECT idempotency_key, count(*)::int AS n FROM outbox WHERE topic = 'sms.send' AND idempotency_key = ANY($1) GROUP BY 1`,
      [clientIds],
    );
    expect(texts).toHaveLength(clientIds.length);
    expect(texts.every((r) => r.n === 1)).toBe(true);

    // The outbox relay kept running: a new message's text leaves.
    const last = uuidv7();
    expect((await post(last)).status).toBe(201);
    const [job] = await settledJobs<{ status: string }>(
      t.database,
      'SELECT status FROM outbox WHERE idempotency_key = $1',
      [last],
    );
    expect(job?.status).toBe('sent');

    // Every connection went back to the pool: closing waits for all of them and would hang on a lost one.
    const closing = t;
    t = undefined as unknown as TestApp;
    await closing.close();
  });
});
