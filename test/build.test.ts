import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale, isStale, PGLITE_IMAGE, SERVER_DIST } from '../scripts/build.mjs';
import { migrationsFolder } from '../server/platform/db/client';
import { openPglite } from '../server/platform/db/pglite';
import { type ServerProcess, startServerProcess, tempDir } from './support/process';

describe('the production build (npm run build, npm start)', () => {
  let server: ServerProcess;
  let url: string;
  const dataDir = tempDir('build');

  beforeAll(async () => {
    for (const target of ['web', 'server', 'database'] as const) await buildIfStale(target);
    server = startServerProcess(
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PARLEY_DEMO: '0', LOG_LEVEL: 'info' },
      { compiled: true },
    );
    const [, port] = await server.waitFor(/"port":(\d+)/);
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('compiles the server and the empty database image, and considers them fresh afterwards', () => {
    expect(existsSync(path.join(SERVER_DIST, 'main.js'))).toBe(true);
    expect(statSync(PGLITE_IMAGE).isDirectory()).toBe(true);
    expect(existsSync(path.join(PGLITE_IMAGE, 'PG_VERSION'))).toBe(true);
    // Only the database PGlite opens: a new data folder copies as few files as it can.
    expect(readdirSync(path.join(PGLITE_IMAGE, 'base'))).toHaveLength(1);
    expect(isStale('server')).toBe(false);
    expect(isStale('database')).toBe(false);
  });

  it('runs the compiled server with plain Node: migrations applied, API and web app served', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
    const me = await fetch(`${url}/api/v1/me`);
    expect(me.status).toBe(401);
    expect(server.output()).toMatch(/"startupMs":\{"modules":\d+,"database":\d+,"migrations":\d+/);
  });
});

describe('a new data folder started from the database image', () => {
  const journal: { entries: unknown[] } = JSON.parse(
    readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  );

  async function startAndCountMigrations(dataDir: string) {
    await buildIfStale('database');
    const server = startServerProcess(
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PARLEY_DEMO: '0', LOG_LEVEL: 'info' },
      { compiled: true },
    );
    await server.waitFor(/"port":(\d+)/);
    expect(await server.stop()).toBe(0);
    const database = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    try {
      const [row] = await database.query<{ n: string | number }>(
        'SELECT count(*) AS n FROM drizzle.__drizzle_migrations',
      );
      return Number(row?.n);
    } finally {
      await database.close();
    }
  }

  it('has every migration applied and stops cleanly', async () => {
    expect(await startAndCountMigrations(tempDir('image'))).toBe(journal.entries.length);
  });

  it("takes the image's place in an empty folder made beforehand, and leaves no staging copy behind", async () => {
    const dataDir = tempDir('image-empty');
    mkdirSync(path.join(dataDir, 'pglite'), { recursive: true });
    expect(await startAndCountMigrations(dataDir)).toBe(journal.entries.length);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('pglite.new-'))).toEqual([]);
  });
});
