import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { contactIdByName } from '../portal-invitations/helpers';
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

const MARIA = 'maria.garcia@example.com';
const PASSWORD = 'a long portal passphrase';

let t: TestApp;
let browser: Browser;

describeInBrowser('portal activation in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens the invitation from the dev mailbox, sets a password and lands in the portal', async () => {
    const staff = await t.signIn(demoLogins.attorney1);
    const mariaId = await contactIdByName(staff, 'Maria Garcia');
    expect((await staff.post(`/api/v1/contacts/${mariaId}/portal-invitation`, {})).status).toBe(201);

    const { page, context, problems } = await openPage(browser);
    // Signed out, the dev mailbox offers the staff sign-in, which returns to it.
    await page.goto(`${t.url}/dev/mail`);
    await page.getByRole('status').getByText('Sign in to use the dev mailbox').waitFor();
    await expectNoSeriousA11yViolations(page, 'the dev mailbox sign-in prompt');
    await screenshot(page, 'dev-mail-signed-out');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/login?next=*');
    await signIn(page, demoLogins.attorney1, DEMO_PASSWORD);
    await page.waitForURL('**/dev/mail');
    await heading(page, 'Dev mailbox').waitFor();
    // The filter applies after a debounce, with a spinner; until then the unfiltered list shows.
    const filtered = page.waitForResponse(
      (r) => r.url().endsWith(`/dev/mail?to=${encodeURIComponent(MARIA)}`) && r.ok(),
    );
    await page.getByRole('textbox', { name: 'Recipient address' }).fill(MARIA);
    await filtered;
    const subject = 'Your secure client portal at Demo Law LLP';
    await page.getByRole('heading', { level: 2, name: subject }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the dev mailbox');
    await screenshot(page, 'dev-mail');

    await page.getByText('HTML', { exact: true }).click();
    const frame = page.frameLocator(`iframe[title="HTML version of ${subject}"]`);
    await frame.getByRole('link', { name: 'Activate your portal' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the dev mailbox showing the HTML version');
    await page.getByText('Text', { exact: true }).click();

    const link = page.getByRole('link', { name: /\/portal\/activate\?token=/ });
    const href = await link.getAttribute('href');
    expect(href?.startsWith(`${t.url}/portal/activate?token=`)).toBe(true);
    await link.click();
    await page.waitForURL('**/portal/activate?token=*');
    await heading(page, 'Activate your client portal').waitFor();
    expect(await page.title()).toBe('Activate your client portal · Parley');
    await expectNoSeriousA11yViolations(page, 'the activation page');

    await page.getByRole('textbox', { name: 'New password', exact: true }).fill('too short');
    await page.getByRole('textbox', { name: 'Confirm password', exact: true }).fill('different');
    await page.getByRole('button', { name: 'Activate and sign in' }).click();
    await page.getByText('Use at least 12 characters.').waitFor();
    await page.getByText('The two passwords do not match.').waitFor();
    await expectNoSeriousA11yViolations(page, 'the activation page with errors');
    await screenshot(page, 'portal-activate-errors');

    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(PASSWORD);
    await page.getByRole('textbox', { name: 'Confirm password', exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Activate and sign in' }).click();
    await page.waitForURL('**/portal/messages');
    await heading(page, 'Messages').waitFor();
    expect(await page.getByRole('banner').getByText('Maria Garcia').isVisible()).toBe(true);
    await screenshot(page, 'portal-activated');

    // The link worked once: opening it again explains that it is used up.
    await page.goto(href as string);
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(PASSWORD);
    await page.getByRole('textbox', { name: 'Confirm password', exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Activate and sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This activation link does not work any more');
    expect(await page.getByRole('button', { name: 'Activate and sign in' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'the activation page with a used link');
    await screenshot(page, 'portal-activate-used-link');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('explains a link without a token', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${t.url}/portal/activate`);
    await heading(page, 'Activate your client portal').waitFor();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('no activation code');
    await expectNoSeriousA11yViolations(page, 'the activation page without a token');
    await context.close();
  });
});
