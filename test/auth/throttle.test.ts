import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { DEMO_PASSWORD } from '../support/env';

let t: TestApp;
let now: Date;
beforeAll(async () => {
  // The client address comes from X-Forwarded-For, so one test can play several addresses.
  t = await startTestApp({ TRUST_PROXY: '1' });
});
afterAll(() => t.close());
beforeEach(async () => {
  now = new Date('2026-05-01T08:00:00Z');
  t.deps.clock = () => now;
  await t.database.query('delete from login_throttle');
});

function from(address: string, client: TestClient = t.client()): TestClient {
  client.headers['x-forwarded-for'] = address;
  return client;
}

const attempt = (c: TestClient, email: string, password: string) =>
  c.post('/api/v1/auth/login', { email, password });

describe('login throttling', () => {
  it('answers 429 with Retry-After after five failures from one address, and waits grow', async () => {
    const attacker = from('203.0.113.7');
    for (let i = 0; i < 5; i++)
      expect((await attempt(attacker, demoLogins.attorney1, `guess-${i}`)).status).toBe(401);

    const blocked = await attempt(attacker, demoLogins.attorney1, DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.type).toBe('/problems/rate-limited');
    expect(blocked.headers.get('retry-after')).toBe('2');

    now = new Date(now.getTime() + 2_000);
    expect((await attempt(attacker, demoLogins.attorney1, 'guess-5')).status).toBe(401);
    const longer = await attempt(attacker, demoLogins.attorney1, 'guess-6');
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('4');
  });

  it('throttles unknown e-mails exactly like known ones', async () => {
    const attacker = from('203.0.113.8');
    for (let i = 0; i < 5; i++) await attempt(attacker, 'nobody@demo.parley.test', `guess-${i}`);
    const r = await attempt(attacker, 'nobody@demo.parley.test', 'guess');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2');
  });

  it('does not lock the owner out from another address, and a success clears the count', async () => {
    const attacker = from('203.0.113.9');
    for (let i = 0; i < 5; i++) await attempt(attacker, demoLogins.attorney2, `guess-${i}`);
    expect((await attempt(attacker, demoLogins.attorney2, 'guess')).status).toBe(429);

    expect((await attempt(from('198.51.100.20'), demoLogins.attorney2, DEMO_PASSWORD)).status).toBe(200);

    now = new Date(now.getTime() + 2_000);
    expect((await attempt(attacker, demoLogins.attorney2, DEMO_PASSWORD)).status).toBe(200);
    // Counting starts again from zero for that address.
    for (let i = 0; i < 4; i++)
      expect((await attempt(attacker, demoLogins.attorney2, `again-${i}`)).status).toBe(401);
  });

  it('lets the owner in from a known device while an attacker hammers the account from many addresses', async () => {
    const owner = from('198.51.100.30');
    expect((await attempt(owner, demoLogins.agent1, DEMO_PASSWORD)).status).toBe(200);
    expect(owner.cookie('parley_device')).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);

    for (let a = 1; a <= 5; a++) {
      const attacker = from(`203.0.113.${100 + a}`);
      for (let i = 0; i < 5; i++) await attempt(attacker, demoLogins.agent1, `guess-${a}-${i}`);
    }
    // A fresh browser on a fresh address is held back: the account-wide ceiling applies to it.
    const stranger = await attempt(from('192.0.2.55'), demoLogins.agent1, DEMO_PASSWORD);
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThan(0);
    // The known-device cookie of another account does not help either.
    const other = from('192.0.2.56');
    expect((await attempt(other, demoLogins.agent2, DEMO_PASSWORD)).status).toBe(200);
    expect(other.cookie('parley_device')).toBeDefined();
    expect((await attempt(other, demoLogins.agent1, DEMO_PASSWORD)).status).toBe(429);

    // The owner, on yet another address but with the known-device cookie, signs in.
    from('192.0.2.77', owner);
    const r = await attempt(owner, demoLogins.agent1, DEMO_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.user.email).toBe(demoLogins.agent1);
  });

  it('caps failures per address across accounts', async () => {
    const sprayer = from('203.0.113.200');
    for (let i = 0; i < 50; i++) await attempt(sprayer, `user${i}@example.com`, 'Password1!');
    const r = await attempt(sprayer, demoLogins.admin, DEMO_PASSWORD);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe(String(15 * 60));
    expect((await attempt(from('198.51.100.40'), demoLogins.admin, DEMO_PASSWORD)).status).toBe(200);
  });

  it('keeps its counters in the database, shared by every process', async () => {
    const attacker = from('203.0.113.250');
    for (let i = 0; i < 3; i++) await attempt(attacker, demoLogins.attorney1, `guess-${i}`);
    const rows = await t.database.query<{ key: string; failures: number }>(
      'select key, failures from login_throttle order by key',
    );
    expect(rows.map((r) => r.failures)).toEqual([3, 3, 3]);
    // Keys are hashed: neither the e-mail nor the address is stored.
    for (const row of rows) {
      expect(row.key).not.toContain('attorney1');
      expect(row.key).not.toContain('203.0.113.250');
    }
  });
});
