import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { closeDeps, createDeps } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import type { Deps } from '../../server/deps';
import type { Database } from '../../server/platform/db/client';
import { openPostgres } from '../../server/platform/db/postgres';
import { TEST_MASTER_KEY } from '../support/env';

// No server listens on port 1: every connection is refused, as while PostgreSQL restarts.
const UNREACHABLE = 'postgres://postgres@127.0.0.1:1/parley';

// A session cookie of the right shape (firm id, dot, 43 characters), so that it is looked up.
const WELL_FORMED_SESSION = `01900000-0000-7000-8000-000000000000.${'a'.repeat(43)}`;

describe('while the database cannot be reached', () => {
  let database: Database;
  let deps: Deps;
  let app: FastifyInstance;

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PARLEY_MASTER_KEY: TEST_MASTER_KEY,
      DATA_DIR: path.resolve('.tmp', `data-${randomBytes(4).toString('hex')}`),
      DATABASE_URL: UNREACHABLE,
    });
    database = openPostgres(UNREACHABLE, 2);
    deps = await createDeps(config, database, pino({ level: 'silent' }));
    app = await buildApp(deps);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await closeDeps(deps);
    await database.close();
  });

  it('answers 503 with Retry-After, not 500, on sign-in and on a signed-in request', async () => {
    for (const request of [
      {
        method: 'POST' as const,
        url: '/api/v1/auth/login',
        payload: { email: 'a@b.test', password: 'x'.repeat(12) },
      },
      { method: 'GET' as const, url: '/api/v1/me', cookies: { parley_session: WELL_FORMED_SESSION } },
    ]) {
      const r = await app.inject(request);
      expect(r.statusCode, r.body).toBe(503);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ type: '/problems/unavailable', status: 503 });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
  });
});
