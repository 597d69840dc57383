import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneDatabase } from '../support/app';
import { TestClient } from '../support/client';
import { DEMO_PASSWORD, TEST_MASTER_KEY } from '../support/env';
import { type ServerProcess, startServerProcess, tempDir } from '../support/process';
import { redisInstalled, startRedis, startRedisOnFreePort, stopRedis } from '../support/redis';
import { openStream, type Stream } from './stream-client';

// Two processes share events only through Redis: this runs in the PostgreSQL + Redis pass. It
// needs its own Redis to stop and start (the machine's one is shared by other tests).
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const runs = shared && (redisInstalled || process.env.CI === 'true');

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What a browser tab shows of one conversation: events patch it, a resync refetches it. */
interface Tab {
  stream: Stream;
  /** Message ids the tab knows of. */
  ids: Set<string>;
  /** Message ids that arrived as events. */
  live: Set<string>;
  resyncs: number;
}

function tabOf(stream: Stream, http: TestClient, conversationId: string): Tab {
  const tab: Tab = { stream, ids: new Set(), live: new Set(), resyncs: 0 };
  const refetch = async () => {
    const r = await http.get(`/api/v1/conversations/${conversationId}/messages?limit=200`);
    for (const m of r.body.items as { id: string }[]) tab.ids.add(m.id);
  };
  stream.ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as { type: string; data?: any };
    if (frame.type === 'message.created' && frame.data.conversationId === conversationId) {
      tab.ids.add(frame.data.message.id);
      tab.live.add(frame.data.message.id);
    }
    if (frame.type === 'resync') {
      tab.resyncs += 1;
      void refetch();
    }
  });
  return tab;
}

describe.runIf(runs)('two processes while their Redis is down', () => {
  let cloned: Awaited<ReturnType<typeof cloneDatabase>>;
  let redis: ChildProcess | undefined;
  let port: number;
  let a: ServerProcess;
  let b: ServerProcess;
  const url: Record<string, string> = {};
  const dataDirs: string[] = [];

  async function start(name: 'a' | 'b', env: Record<string, string>): Promise<ServerProcess> {
    const dataDir = tempDir(`outage-${name}`);
    dataDirs.push(dataDir);
    const server = startServerProcess({ ...env, DATA_DIR: dataDir });
    const [, listening] = await server.waitFor(/"port":(\d+)[^\n]*"msg":"listening"/);
    url[name] = `http://127.0.0.1:${listening}`;
    return server;
  }

  async function busOf(name: 'a' | 'b'): Promise<string> {
    return (await new TestClient(url[name]!).get('/readyz')).body.checks?.bus;
  }

  beforeAll(async () => {
    ({ child: redis, port } = await startRedisOnFreePort());
    cloned = await cloneDatabase();
    const env = {
      DATABASE_URL: cloned.url!,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      PARLEY_DEMO: '0',
      PARLEY_MASTER_KEY: TEST_MASTER_KEY,
      PARLEY_DEMO_PASSWORD: DEMO_PASSWORD,
    };
    [a, b] = await Promise.all([start('a', env), start('b', env)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await stopRedis(redis);
    await cloned?.database.close();
    await cloned?.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps sends fast, delivers locally meanwhile, and every tab ends with every message', async () => {
    const onA = new TestClient(url.a!);
    const onB = new TestClient(url.b!);
    await onA.login('attorney1@demo.parley.test', DEMO_PASSWORD);
    await onB.login('attorney1@demo.parley.test', DEMO_PASSWORD);
    const [matter] = await cloned.database.query<{ id: string }>(
      "SELECT id FROM matters WHERE number = '2026-0001'",
    );
    const [jane] = await cloned.database.query<{ id: string }>(
      "SELECT id FROM contacts WHERE name = 'Jane Roe'",
    );
    const thread = await onA.post('/api/v1/conversations', {
      kind: 'secure_chat',
      matterId: matter?.id,
      contactId: jane?.id,
      contactPhone: '(202) 555-0143',
    });
    expect(thread.status, JSON.stringify(thread.body)).toBe(201);
    const conversationId = thread.body.id as string;

    const tabA = tabOf(
      await openStream(url.a!, { session: onA.cookie('parley_session') }),
      onA,
      conversationId,
    );
    const tabB = tabOf(
      await openStream(url.b!, { session: onB.cookie('parley_session') }),
      onB,
      conversationId,
    );
    await Promise.all([tabA.stream.next('ready'), tabB.stream.next('ready')]);

    const sent: string[] = [];
    const send = async (via: TestClient, body: string) => {
      const r = await via.post(`/api/v1/conversations/${conversationId}/messages`, { body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      sent.push(r.body.id);
      return r.body.id as string;
    };
    const hasAll = (tab: Tab) => sent.every((id) => tab.ids.has(id));

    // Redis up: every event reaches both processes.
    for (let i = 0; i < 3; i++) {
      await send(onA, `before A${i}`);
      await send(onB, `before B${i}`);
    }
    await until(() => hasAll(tabA) && hasAll(tabB), 'events through Redis');

    // Redis gone: sends still succeed, and each process's own sockets still get its events.
    await stopRedis(redis);
    await until(
      async () => (await busOf('a')) === 'down' && (await busOf('b')) === 'down',
      'both to see Redis down',
    );
    const duringA: string[] = [];
    const duringB: string[] = [];
    for (let i = 0; i < 5; i++) {
      duringA.push(await send(onA, `during A${i}`));
      duringB.push(await send(onB, `during B${i}`));
    }
    await until(
      () => duringA.every((id) => tabA.live.has(id)) && duringB.every((id) => tabB.live.has(id)),
      'local delivery while Redis is down',
    );
    expect(tabA.stream.ws.readyState).toBe(tabA.stream.ws.OPEN);
    expect(tabB.stream.ws.readyState).toBe(tabB.stream.ws.OPEN);

    // Redis back on the same port: both processes resubscribe, their sockets resync, and every tab
    // catches up on what it missed through the API.
    redis = await startRedis(port);
    await until(async () => (await busOf('a')) === 'ok' && (await busOf('b')) === 'ok', 'both to reconnect');
    await until(() => tabA.resyncs > 0 && tabB.resyncs > 0, 'a resync on every socket');
    await until(() => hasAll(tabA) && hasAll(tabB), 'every tab to hold every message');

    // And events cross processes again.
    const after = await send(onB, 'after');
    await until(() => tabA.live.has(after) && tabB.live.has(after), 'events through Redis again');
    expect(sent).toHaveLength(3 * 2 + 5 * 2 + 1);
    tabA.stream.ws.close();
    tabB.stream.ws.close();
  }, 180_000);
});
