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

  it('sets security headers on every response: answers, refusals, not-found problems', async () => {
    const c = t.client();
    for (const r of [
      await c.get('/healthz'),
      await c.get('/api/v1/conversations'),
      await c.get('/api/v1/no-such-thing'),
    ]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(r.headers.get('content-security-policy')).toContain("connect-src 'self' ws: wss:");
    }
  });

  it('lets the API documentation page send its own policy, which allows no plug-ins and no connections out', async () => {
    const r = await t.client().get('/api/docs/');
    expect(r.status).toBe(200);
    const policy = r.headers.get('content-security-policy');
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('connect-src');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the OpenAPI document', async () => {
    const r = await t.client().get('/api/docs/json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
  });

  it('answers a body over the size limit with 413, an unknown media type with 415, broken JSON with 400', async () => {
    const small = await startTestApp({ BODY_LIMIT_BYTES: '1024' });
    try {
      const c = small.client();
      const big = await c.post('/api/v1/auth/login', { email: 'a@b.test', password: 'x'.repeat(2000) });
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ type: '/problems/too-large', status: 413 });
      const xml = await c.post('/api/v1/auth/login', '<login/>', {
        headers: { 'content-type': 'application/xml' },
      });
      expect(xml.status).toBe(415);
      expect(xml.headers.get('content-type')).toContain('application/problem+json');
      const broken = await c.post('/api/v1/auth/login', '{"email": ', {
        headers: { 'content-type': 'application/json' },
      });
      expect(broken.status).toBe(400);
      expect(broken.body.errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
    } finally {
      await small.close();
    }
  });

  it('names every invalid field of a request in errors[]', async () => {
    const r = await t.client().post('/api/v1/auth/login', { email: 42 });
    expect(r.status).toBe(400);
    expect(r.body.type).toBe('/problems/validation');
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });
});
