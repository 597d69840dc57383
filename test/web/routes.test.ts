import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../server/features/web/routes';
import { startTestApp, type TestApp } from '../support/app';

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('serving the web apps', () => {
  it('answers the staff app at / and for its client-side routes, never cached', async () => {
    for (const p of ['/', '/login', '/matters', '/message-center']) {
      const r = await t.client().get(p, { headers: HTML });
      expect(r.status, p).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(r.body).toContain('<html lang="en">');
      expect(r.body).toContain('<title>Parley</title>');
    }
  });

  it('answers the portal at /portal and below', async () => {
    for (const p of ['/portal', '/portal/', '/portal/login', '/portal/messages']) {
      const r = await t.client().get(p, { headers: HTML });
      expect(r.status, p).toBe(200);
      expect(r.body).toContain('<title>Client portal · Parley</title>');
    }
  });

  it('answers the simulated client phone at /dev/phone (development routes and SMS simulator are on)', async () => {
    const r = await t.client().get('/dev/phone', { headers: HTML });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.body).toContain('<title>Simulated phone · Parley</title>');
  });

  it('keeps the security headers on pages', async () => {
    const r = await t.client().get('/', { headers: HTML });
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const asset = readdirSync(path.join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'));
    expect(asset).toBeDefined();
    const r = await t.client().get(`/assets/${asset}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('javascript');
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a 404 problem, not a page, for unknown API, asset and reserved paths', async () => {
    for (const p of ['/api/v1/no-such-thing', '/assets/missing.js', '/webhooks/nope', '/dev/nope']) {
      const r = await t.client().get(p, { headers: HTML });
      expect(r.status, p).toBe(404);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('answers a 404 problem to requests that do not accept HTML', async () => {
    const r = await t.client().get('/matters', { headers: { accept: 'application/json' } });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ type: '/problems/not-found' });
  });

  it('leaves operations endpoints alone', async () => {
    const r = await t.client().get('/healthz', { headers: HTML });
    expect(r.body).toEqual({ status: 'ok' });
  });

  it('keeps the pages out of the OpenAPI document', async () => {
    const r = await t.client().get('/api/docs/json');
    expect(Object.keys(r.body.paths)).not.toContain('/*');
    expect(Object.keys(r.body.paths).some((p) => p.startsWith('/assets'))).toBe(false);
  });
});
