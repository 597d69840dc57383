import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../server/app';
import { closeDeps, createDeps, createLogger } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import type { Deps } from '../../server/deps';
import type { Database } from '../../server/platform/db/client';
import { openPglite } from '../../server/platform/db/pglite';
import { openPostgres } from '../../server/platform/db/postgres';
import { TestClient } from './client';
import { DEMO_PASSWORD, TEST_MASTER_KEY } from './env';
import { adminUrl, databaseUrlFor } from './postgres';

/** A running Parley on its own copy of the seeded test database. */
export interface TestApp {
  url: string;
  app: FastifyInstance;
  deps: Deps;
  database: Database;
  /** Environment the app was configured with (for starting a second process on the same database). */
  env: Record<string, string>;
  /** A fresh client (own cookie jar). */
  client(): TestClient;
  /** A client signed in with the demo password. */
  signIn(email: string, password?: string): Promise<TestClient>;
  close(): Promise<void>;
}

/** Copies the seeded template: PGlite from its dump, PostgreSQL with CREATE DATABASE … TEMPLATE. */
export async function cloneDatabase(): Promise<{
  database: Database;
  url?: string;
  drop: () => Promise<void>;
}> {
  const pgTemplate = inject('postgresTemplate');
  if (pgTemplate === undefined)
    throw new Error(
      'No database template: this file runs in the unit project. A test that needs a server lives in test/; one next to the code that needs a database is named *.int.test.ts (see vitest.config.ts).',
    );
  const baseUrl = process.env.DATABASE_URL;
  if (pgTemplate && baseUrl) {
    const name = `parley_t_${randomBytes(6).toString('hex')}`;
    const admin = openPostgres(adminUrl(baseUrl), 1);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate}`);
    const url = databaseUrlFor(baseUrl, name);
    const database = openPostgres(url, 10);
    return {
      database,
      url,
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  const dump = readFileSync(inject('pgliteTemplate'));
  const database = await openPglite({ loadDataDir: new Blob([dump]) });
  return { database, drop: async () => {} };
}

/** A TCP port free on loopback right now (to know the app's URL before it listens). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * Starts the app on a copy of the seeded database, listening on a free loopback port. Unless env pins
 * PORT or PUBLIC_URL (or `ownPublicUrl` is false), PUBLIC_URL is the app's own address, so links in
 * e-mails lead back to it. The port must be known before the app is built (it is part of PUBLIC_URL),
 * and another process may take a port found free before the app listens on it: then the app is built
 * again on another port.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    /** Where the app logs, through the production logger (with LOG_LEVEL from env); silent without. */
    logTo?: DestinationStream;
    /** False to leave PUBLIC_URL unset (links then use http://localhost:PORT). */
    ownPublicUrl?: boolean;
    /** Changes the composition before the app is built, as bootstrap.ts would (e.g. a test's own conversation kind). */
    compose?: (deps: Deps) => void;
  } = {},
): Promise<TestApp> {
  const cloned = await cloneDatabase();
  const ownUrl = env.PORT === undefined && env.PUBLIC_URL === undefined && options.ownPublicUrl !== false;
  const dataDir = path.resolve('.tmp', `data-${randomBytes(4).toString('hex')}`);
  for (let attempt = 1; ; attempt++) {
    const port = env.PORT ?? String(await freePort());
    const fullEnv: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PARLEY_MASTER_KEY: TEST_MASTER_KEY,
      PARLEY_DEMO_PASSWORD: DEMO_PASSWORD,
      DATA_DIR: dataDir,
      PORT: port,
      ...(ownUrl ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
      ...(cloned.url ? { DATABASE_URL: cloned.url } : {}),
      // Each test app gets its own channel: apps cloned from one template share firm and user ids.
      ...(process.env.REDIS_URL
        ? { REDIS_URL: process.env.REDIS_URL, REDIS_CHANNEL: `parley:test:${randomBytes(6).toString('hex')}` }
        : {}),
      ...env,
    };
    const config = loadConfig(fullEnv);
    // Without a destination, errors still reach stderr: a 500 in a browser test is otherwise a mystery.
    const log = options.logTo
      ? createLogger(config, options.logTo)
      : createLogger(env.LOG_LEVEL ? config : { ...config, LOG_LEVEL: 'error' }, pino.destination(2));
    const deps = await createDeps(config, cloned.database, log);
    options.compose?.(deps);
    const app = await buildApp(deps);
    try {
      await app.listen({ port: Number(fullEnv.PORT), host: '127.0.0.1' });
    } catch (error) {
      await app.close();
      await closeDeps(deps);
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (taken && env.PORT === undefined && attempt < 5) continue;
      await cloned.database.close();
      await cloned.drop();
      throw error;
    }
    return running(app, deps, cloned, fullEnv);
  }
}

/** The handle of an app that listens: its URL, clients of it, and the close that undoes everything. */
function running(
  app: FastifyInstance,
  deps: Deps,
  cloned: Awaited<ReturnType<typeof cloneDatabase>>,
  fullEnv: Record<string, string>,
): TestApp {
  deps.outbox.start();
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    app,
    deps,
    database: cloned.database,
    env: fullEnv,
    client: () => new TestClient(url),
    async signIn(email, password = DEMO_PASSWORD) {
      const c = new TestClient(url);
      await c.login(email, password);
      return c;
    },
    async close() {
      await app.close();
      await closeDeps(deps);
      await cloned.database.close();
      await cloned.drop();
    },
  };
}
