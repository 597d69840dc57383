import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneDatabase } from '../support/app';
import { TestClient } from '../support/client';
import { DEMO_PASSWORD, TEST_MASTER_KEY } from '../support/env';
import { openStream } from './stream-client';

// Two processes can share work only through PostgreSQL and Redis; the embedded run (one PGlite
// folder belongs to one process) proves the same path through one real process instead.
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

interface ServerProcess {
  url: string;
  child: ChildProcess;
  dataDir: string;
}

/** Starts `server/main.ts` as its own process and resolves once it listens. */
function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = path.resolve('.tmp', `process-${randomBytes(4).toString('hex')}`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      PARLEY_MASTER_KEY: TEST_MASTER_KEY,
      PARLEY_DEMO_PASSWORD: DEMO_PASSWORD,
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'listening') resolve({ url: `http://127.0.0.1:${entry.port}`, child, dataDir });
    });
  });
}

async function stop(server: ServerProcess | undefined): Promise<void> {
  if (!server) return;
  if (server.child.exitCode === null) {
    await new Promise<void>((resolve) => {
      server.child.once('exit', () => resolve());
      server.child.kill('SIGTERM');
    });
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

describe.runIf(shared)('two server processes on one PostgreSQL and Redis', () => {
  let cloned: Awaited<ReturnType<typeof cloneDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    cloned = await cloneDatabase();
    const env = { DATABASE_URL: cloned.url!, REDIS_URL: process.env.REDIS_URL!, PARLEY_DEMO: '0' };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await cloned.database.close();
    await cloned.drop();
  });

  it('are both ready with the Redis bus', async () => {
    for (const server of [a, b]) {
      const ready = await new TestClient(server.url).get('/readyz');
      expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', bus: 'ok' } });
    }
  });

  it('an event caused by a request on process A reaches a socket connected to process B', async () => {
    const onA = new TestClient(a.url);
    await onA.login('admin@demo.parley.test', DEMO_PASSWORD);
    const session = onA.cookie('parley_session');
    const streamOnB = await openStream(b.url, { session });
    const streamOnA = await openStream(a.url, { session });
    try {
      await Promise.all([streamOnB.next('ready'), streamOnA.next('ready')]);
      expect((await onA.post('/api/v1/stream/ping')).status).toBe(202);
      const [fromB, fromA] = await Promise.all([streamOnB.next('pong'), streamOnA.next('pong')]);
      expect(fromB).toEqual(fromA);
    } finally {
      streamOnB.ws.close();
      streamOnA.ws.close();
    }
  });
});

describe.skipIf(shared)('one embedded server process', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    // The PostgreSQL run of CI must take the two-process path above, never this one.
    if (process.env.CI === 'true' && process.env.DATABASE_URL) throw new Error('REDIS_URL is required');
    server = await startServer({});
  }, 120_000);
  afterAll(() => stop(server));

  it('delivers an event caused by a request to the caller’s socket through the in-process bus', async () => {
    const client = new TestClient(server.url);
    await client.login('admin@demo.parley.test', DEMO_PASSWORD);
    const ready = await client.get('/readyz');
    expect(ready.body.checks).toEqual({ database: 'ok', bus: 'ok' });
    const stream = await openStream(server.url, { session: client.cookie('parley_session') });
    try {
      await stream.next('ready');
      expect((await client.post('/api/v1/stream/ping')).status).toBe(202);
      expect((await stream.next('pong')).type).toBe('pong');
    } finally {
      stream.ws.close();
    }
  });
});
