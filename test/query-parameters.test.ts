import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import type { TestClient } from './support/client';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('admin@demo.parley.test');
});
afterAll(() => t.close());

describe('query parameters', () => {
  it('every documented GET route refuses one it does not declare with 400 naming it', async () => {
    const doc = (await t.client().get('/api/docs/json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      // Any well-formed id: the query is refused before the route looks anything up.
      .map(([path]) => path.replace(/\{[^}]+\}/g, '01900000-0000-7000-8000-000000000000'));
    expect(routes.length).toBeGreaterThan(15);
    for (const path of routes) {
      const r = await admin.get(`${path}?notAParameter=1`);
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(400);
      // Beside any required parameter that is missing (e.g. format of the export).
      expect(r.body.errors, path).toContainEqual({
        field: 'query.notAParameter',
        message: 'is not a known parameter',
      });
    }
  });

  it('a route that declares parameters still takes them, and still refuses an unknown one beside them', async () => {
    expect((await admin.get('/api/v1/users?limit=2&q=demo')).status).toBe(200);
    const r = await admin.get('/api/v1/users?limit=2&sort=name');
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'query.sort', message: 'is not a known parameter' }]);
  });

  it('a write with an unknown parameter changes nothing', async () => {
    const before = await t.database.query('select name from teams order by id');
    const r = await admin.post('/api/v1/teams?dryRun=true', { name: 'Query team', kind: 'team' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'query.dryRun', message: 'is not a known parameter' }]);
    expect(await t.database.query('select name from teams order by id')).toEqual(before);
  });
});
