import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale, isStale, SERVER_DIST } from '../scripts/build.mjs';
import { type ServerProcess, startServerProcess, tempDir } from './support/process';

describe('the production build (npm run build, npm start)', () => {
  let server: ServerProcess;
  let url: string;

  beforeAll(async () => {
    await buildIfStale('web');
    await buildIfStale('server');
    server = startServerProcess(
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir('build'), PARLEY_DEMO: '0', LOG_LEVEL: 'info' },
      { compiled: true },
    );
    const [, port] = await server.waitFor(/"port":(\d+)/);
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
  });

  it('compiles the server into dist/server and considers it fresh afterwards', () => {
    expect(existsSync(path.join(SERVER_DIST, 'main.js'))).toBe(true);
    expect(isStale('server')).toBe(false);
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
