import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('answers /healthz and /readyz', async () => {
    const c = t.client();
    expect((await c.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await c.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toBe('ok');
  });

  it('serves Prometheus metrics', async () => {
    const r = await t.client().get('/metrics');
    expect(r.status).toBe(200);
    expect(r.body).toContain('parley_http_request_duration_seconds');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const r = await t.client().get('/api/v1/no-such-thing');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it('sets security headers', async () => {
    const r = await t.client().get('/healthz');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('serves the OpenAPI document', async () => {
    const r = await t.client().get('/api/docs/json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
  });
});
