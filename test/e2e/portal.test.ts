import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

const JANE = 'jane.roe@example.com';

let t: TestApp;
let browser: Browser;

describeInBrowser('client portal in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs a client in, shows the portal shell, and signs out', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/portal`);
    await page.waitForURL('**/portal/login');
    await heading(page, 'Sign in to your client portal').waitFor();
    await expectNoSeriousA11yViolations(page, 'the portal login');
    await screenshot(page, 'portal-login');

    await signIn(page, JANE, DEMO_PASSWORD);
    await page.waitForURL('**/portal/messages');
    await heading(page, 'Messages').waitFor();
    expect(await page.title()).toBe('Messages · Parley');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const label of ['Messages', 'Status']) {
      expect(await nav.getByRole('link', { name: label }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('banner').getByText('Jane Roe').isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'the portal messages page');
    await screenshot(page, 'portal-messages');

    await nav.getByRole('link', { name: 'Status' }).click();
    await heading(page, 'Status').waitFor();
    await expectNoSeriousA11yViolations(page, 'the portal status page');
    await screenshot(page, 'portal-status');

    await page.getByRole('button', { name: 'Account menu for Jane Roe' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/portal/login');
    await page.goto(`${t.url}/portal/messages`);
    await page.waitForURL('**/portal/login');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says so when the password is wrong', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${t.url}/portal/login`);
    await signIn(page, JANE, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The e-mail address or password is not correct.');
    await expectNoSeriousA11yViolations(page, 'the portal login with an error');
    await screenshot(page, 'portal-login-wrong-password');
    await context.close();
  });

  it('keeps staff sign-in and the portal apart: a staff session does not open the portal', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${t.url}/login`);
    await signIn(page, 'admin@demo.parley.test', DEMO_PASSWORD);
    await heading(page, 'Overview').waitFor();
    await page.goto(`${t.url}/portal/messages`);
    await page.waitForURL('**/portal/login');
    await context.close();
  });
});
