import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { expectProblem } from '../conversations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/env';

// Strict-Transport-Security and the cookies' Secure flag follow how the browser reaches Parley: over
// https (directly, through a trusted proxy's X-Forwarded-Proto, or per an https PUBLIC_URL), never over
// plain HTTP. /metrics needs METRICS_TOKEN when one is configured.

/** The Set-Cookie lines of a staff sign-in, by cookie name. */
async function signInCookies(t: TestApp, headers: Record<string, string> = {}): Promise<Map<string, string>> {
  const c = t.client();
  c.headers = headers;
  const r = await c.post('/api/v1/auth/login', { email: demoLogins.attorney1, password: DEMO_PASSWORD });
  expect(r.status).toBe(200);
  return new Map(r.headers.getSetCookie().map((line) => [line.split('=')[0] as string, line]));
}

describe('over plain HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends no HSTS and no Secure cookies', async () => {
    expect((await t.client().get('/healthz')).headers.get('strict-transport-security')).toBeNull();
    const cookies = await signInCookies(t);
    expect(cookies.get('parley_session')).toBeDefined();
    for (const line of cookies.values()) expect(line).not.toMatch(/;\s*Secure/i);
  });

  it('ignores X-Forwarded-Proto from a proxy it does not trust', async () => {
    const c = t.client();
    c.headers = { 'x-forwarded-proto': 'https' };
    expect((await c.get('/healthz')).headers.get('strict-transport-security')).toBeNull();
    for (const line of (await signInCookies(t, { 'x-forwarded-proto': 'https' })).values())
      expect(line).not.toMatch(/;\s*Secure/i);
  });

  it('serves /metrics to anyone while no METRICS_TOKEN is set', async () => {
    expect((await t.client().get('/metrics')).status).toBe(200);
  });
});

describe('behind a trusted https proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('sends HSTS and Secure cookies when X-Forwarded-Proto is https, not when it is http', async () => {
    const https = t.client();
    https.headers = { 'x-forwarded-proto': 'https' };
    expect((await https.get('/healthz')).headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    const cookies = await signInCookies(t, { 'x-forwarded-proto': 'https' });
    expect(cookies.size).toBeGreaterThan(0);
    for (const line of cookies.values()) expect(line).toMatch(/;\s*Secure/i);

    const http = t.client();
    http.headers = { 'x-forwarded-proto': 'http' };
    expect((await http.get('/healthz')).headers.get('strict-transport-security')).toBeNull();
  });
});

describe('with an https PUBLIC_URL and METRICS_TOKEN', () => {
  const token = 'metrics-token-for-the-test';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://parley.demo-law.test', METRICS_TOKEN: token });
  });
  afterAll(() => t.close());

  it('always sends HSTS and Secure cookies', async () => {
    expect((await t.client().get('/healthz')).headers.get('strict-transport-security')).toContain('max-age=');
    for (const line of (await signInCookies(t)).values()) expect(line).toMatch(/;\s*Secure/i);
  });

  it('answers /metrics only to the bearer of METRICS_TOKEN', async () => {
    const anonymous = await t.client().get('/metrics');
    expectProblem(anonymous, 401, 'unauthorized');
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect(JSON.stringify(anonymous.body)).not.toContain('parley_http');
    for (const authorization of [`Bearer ${token}x`, `Bearer ${token.slice(1)}`, token, `Basic ${token}`]) {
      const r = await t.client().get('/metrics', { headers: { authorization } });
      expect(r.status, authorization).toBe(401);
    }
    const staff = await t.signIn(demoLogins.admin);
    expect((await staff.get('/metrics')).status).toBe(401);
    const ok = await t.client().get('/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('parley_http_request_duration_seconds');
  });
});
