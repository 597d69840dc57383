import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/features/auth/totp-code';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/env';
import {
  describeInBrowser,
  expectNoSeriousA11yViolations,
  heading,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
} from './browser';

const ADMIN = 'admin@demo.parley.test';
const NAV = [
  'Overview',
  'Users',
  'Teams and circles',
  'Message Center',
  'Matters',
  'Contacts',
  'Inbox',
  'Time',
  'Settings',
];

let t: TestApp;
let browser: Browser;

describeInBrowser('staff app in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs the demo admin in, shows the shell with live updates, and signs out', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/`);
    await page.waitForURL('**/login');
    await heading(page, 'Sign in to Parley').waitFor();
    expect(await page.title()).toBe('Sign in to Parley · Parley');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await signIn(page, ADMIN, DEMO_PASSWORD);
    // Administrators land on the firm overview.
    await page.waitForURL('**/admin');
    await heading(page, 'Overview').waitFor();
    expect(await page.title()).toMatch(/^(\(\d+\) )?Overview · Parley$/);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const label of NAV) expect(await nav.getByRole('link', { name: label }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Account menu for Avery Admin' }).isVisible()).toBe(true);
    expect(await page.getByRole('banner').getByText('Avery Admin').isVisible()).toBe(true);

    const indicator = page.getByRole('status', { name: /^Live updates/ });
    await expect.poll(() => indicator.getAttribute('data-status'), { timeout: 10_000 }).toBe('connected');
    expect(await indicator.getAttribute('aria-label')).toBe('Live updates: connected');
    await screenshot(page, 'staff-shell-desktop');

    await page.getByRole('button', { name: 'Account menu for Avery Admin' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await heading(page, 'Sign in to Parley').waitFor();

    // The session really ended: a signed-in page sends the browser back to the login.
    await page.goto(`${t.url}/matters`);
    await page.waitForURL('**/login');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reconnects after the server drops the live connection and refetches what the page shows', async () => {
    const { page, context, problems } = await openPage(browser);
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${t.url}/login`);
    await signIn(page, ADMIN, DEMO_PASSWORD);
    await heading(page, 'Overview').waitFor();
    const indicator = page.getByRole('status', { name: /^Live updates/ });
    await expect.poll(() => indicator.getAttribute('data-status')).toBe('connected');

    const refetched: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/me') refetched.push(request.url());
    });
    for (const client of (t.app as any).websocketServer.clients) client.terminate();

    await expect.poll(() => sockets.length).toBe(2);
    await expect.poll(() => indicator.getAttribute('data-status')).toBe('connected');
    await expect.poll(() => refetched.length).toBeGreaterThan(0);
    expect(sockets[1]).toBe(`${t.url.replace('http', 'ws')}/api/v1/stream`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says so when the password is wrong, and stays on the login page', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/login`);
    await signIn(page, 'attorney2@demo.parley.test', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The e-mail address or password is not correct.');
    expect(page.url()).toBe(`${t.url}/login`);
    await expectNoSeriousA11yViolations(page, 'the login page with an error');
    await screenshot(page, 'staff-login-wrong-password');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks for the authenticator code when the account has two-factor sign-in, and accepts a valid one', async () => {
    const api = await t.signIn('attorney1@demo.parley.test');
    const setup = await api.post('/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    const enabled = await api.post('/api/v1/auth/totp/enable', {
      code: currentTotpCode(setup.body.secret, new Date()),
    });
    expect(enabled.status).toBe(204);

    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/login`);
    await signIn(page, 'attorney1@demo.parley.test', DEMO_PASSWORD);
    const code = page.getByRole('textbox', { name: 'Authenticator code' });
    await code.waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Enter the 6-digit code');
    expect(await code.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectNoSeriousA11yViolations(page, 'the login page asking for a code');
    await screenshot(page, 'staff-login-totp');

    const valid = [-30_000, 0, 30_000].map((d) =>
      currentTotpCode(setup.body.secret, new Date(Date.now() + d)),
    );
    await code.fill(['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c))!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That code is not valid.');

    // The code of the next 30-second step: the one used to enable two-factor sign-in cannot be replayed.
    await code.fill(currentTotpCode(setup.body.secret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Matters').waitFor();
    expect(await page.getByRole('button', { name: 'Account menu for Alex Attorney' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('tells a throttled user how many seconds to wait and disables the button meanwhile', async () => {
    const email = 'agent2@demo.parley.test';
    // Stop the server's clock so the block cannot run out between the API calls and the browser's attempt.
    const realClock = t.deps.clock;
    const frozen = realClock();
    t.deps.clock = () => new Date(frozen);
    try {
      // Spend the free failures of this account from this address (the browser shares 127.0.0.1).
      let answer = await t.client().post('/api/v1/auth/login', { email, password: 'wrong-password' });
      while (answer.status === 401) {
        answer = await t.client().post('/api/v1/auth/login', { email, password: 'wrong-password' });
      }
      expect(answer.status).toBe(429);

      const { page, context } = await openPage(browser);
      await page.goto(`${t.url}/login`);
      await signIn(page, email, DEMO_PASSWORD);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/^Too many attempts\. Try again in \d+ seconds?\.$/);
      expect(await page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
      await screenshot(page, 'staff-login-throttled');
      await context.close();
    } finally {
      t.deps.clock = realClock;
    }
  });

  it('returns to the page asked for after signing in', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${t.url}/settings`);
    await page.waitForURL('**/login');
    await signIn(page, ADMIN, DEMO_PASSWORD);
    await page.waitForURL('**/settings');
    await heading(page, 'Settings').waitFor();
    await context.close();
  });

  it('lists the matters the admin may see', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, ADMIN, DEMO_PASSWORD);
    await heading(page, 'Matters').waitFor();
    const table = page.getByRole('table');
    await table.getByRole('cell', { name: 'Roe v. Acme Corp.' }).waitFor();
    await table.getByRole('cell', { name: 'Estate of Smith' }).waitFor();
    await screenshot(page, 'staff-matters');
    await context.close();
  });

  it('has no serious or critical accessibility violation on the login page and every staff page', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/login`);
    await heading(page, 'Sign in to Parley').waitFor();
    await expectNoSeriousA11yViolations(page, 'the login page');

    await signIn(page, ADMIN, DEMO_PASSWORD);
    await heading(page, 'Overview').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const label of NAV) {
      await nav.getByRole('link', { name: label }).click();
      await heading(page, label).waitFor();
      await expectNoSeriousA11yViolations(page, `the ${label} page`);
      await screenshot(page, `staff-${label.toLowerCase().replace(/\s+/g, '-')}`);
    }

    await page.getByRole('button', { name: 'Notifications' }).click();
    await page.getByText("You're all caught up").waitFor();
    await expectNoSeriousA11yViolations(page, 'the notifications popover');
    await screenshot(page, 'staff-notifications');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is keyboard reachable: the first Tab stop skips to the main content', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${t.url}/login`);
    await signIn(page, ADMIN, DEMO_PASSWORD);
    await heading(page, 'Overview').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'staff-skip-link');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  it('collapses the navigation into a burger on a 375 px wide phone', async () => {
    const { page, context, problems } = await openPage(browser, { width: 375, height: 740 });
    await page.goto(`${t.url}/login`);
    await heading(page, 'Sign in to Parley').waitFor();
    await screenshot(page, 'staff-login-phone');
    await signIn(page, ADMIN, DEMO_PASSWORD);
    await heading(page, 'Overview').waitFor();

    const burger = page.getByRole('button', { name: 'Open navigation' });
    expect(await burger.isVisible()).toBe(true);
    const matters = page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Matters' });
    expect(await matters.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'staff-shell-phone');
    await expectNoSeriousA11yViolations(page, 'the phone layout');

    await burger.click();
    await matters.waitFor({ state: 'visible' });
    await screenshot(page, 'staff-navigation-phone');
    await matters.click();
    await heading(page, 'Matters').waitFor();
    await matters.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
