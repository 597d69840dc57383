import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sha256Hex } from '../../server/features/auth/secrets';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/env';
import { describeInBrowser, heading, launchBrowser, openPage, signIn } from './browser';

const ADMIN = 'admin@demo.parley.test';

let t: TestApp;
let browser: Browser;

describeInBrowser('live updates in Chromium', () => {
  beforeAll(async () => {
    // A short session check, so an expired session's stream closes within the test.
    t = await startTestApp({ REALTIME_SESSION_CHECK_MS: '200' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn() {
    const opened = await openPage(browser);
    await opened.page.goto(`${t.url}/login`);
    await signIn(opened.page, ADMIN, DEMO_PASSWORD);
    await heading(opened.page, 'Overview').waitFor();
    const indicator = opened.page.getByRole('status', { name: /^Live updates/ });
    await expect.poll(() => indicator.getAttribute('data-status')).toBe('connected');
    return opened;
  }

  it('refetches what the page shows when the server sends resync (the bus was interrupted)', async () => {
    const { page, context, problems } = await signedIn();
    const refetched: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/me') refetched.push(request.url());
    });
    for (const client of (t.app as any).websocketServer.clients)
      client.send(JSON.stringify({ type: 'resync' }));
    await expect.poll(() => refetched.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('goes to the login page when the session expires while the page is open', async () => {
    const { page, context, problems } = await signedIn();
    const cookie = (await context.cookies()).find((c) => c.name === 'parley_session');
    const secret = cookie?.value.split('.')[1] ?? '';
    await t.database.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [
      sha256Hex(decodeURIComponent(secret)),
    ]);
    await page.waitForURL('**/login');
    await heading(page, 'Sign in to Parley').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
