import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_ENDED_CLOSE_CODE } from '../../contracts/realtime/close-codes';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { openStream } from '../realtime/stream-client';
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

const NEW_PASSWORD = 'a brand new passphrase';

/** What assistive technology reads after the input's name: the texts its aria-describedby points at. */
function descriptionOf(input: Locator): Promise<string> {
  return input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

let t: TestApp;
let browser: Browser;

describeInBrowser('changing the password in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('changes it from the account menu: errors shown, then success, other session signed out', async () => {
    // The same user is signed in elsewhere with a live connection.
    const elsewhere = await t.signIn(demoLogins.attorney1);
    const stream = await openStream(t.url, { session: elsewhere.cookie('parley_session') });
    await stream.next('ready');

    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, demoLogins.attorney1, DEMO_PASSWORD);
    await heading(page, 'Matters').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.waitFor();
    const current = dialog.getByLabel(/^Current password/);
    const next = dialog.getByLabel(/^New password/);
    const confirm = dialog.getByLabel(/^Confirm new password/);
    await expect.poll(() => current.evaluate((el) => el === document.activeElement)).toBe(true);

    // Checked in the browser first.
    await next.fill('too short');
    await confirm.fill('different');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('Enter your current password.').waitFor();
    await dialog.getByText('Use at least 12 characters.').waitFor();
    await dialog.getByText('The two passwords do not match.').waitFor();
    expect(await descriptionOf(next)).toContain('Use at least 12 characters.');

    // Then by the server: a wrong current password.
    await current.fill('not my password');
    await next.fill(NEW_PASSWORD);
    await confirm.fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('This is not your current password.').waitFor();
    expect(await descriptionOf(current)).toContain('This is not your current password.');
    await expectNoSeriousA11yViolations(page, 'the Change password dialog with errors');
    await screenshot(page, 'change-password-errors');

    await current.fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'Password changed' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, 'change-password-done');

    // The other session is over and its connection closed; this one goes on.
    expect(await stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Contacts' })
      .click();
    await heading(page, 'Contacts').waitFor();
    await t.signIn(demoLogins.attorney1, NEW_PASSWORD);

    expect(problems).toEqual([]);
    await context.close();
  });
});
