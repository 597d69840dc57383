import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { contactIdByName } from '../portal-invitations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
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

let t: TestApp;
let browser: Browser;
let attorney: TestClient;
let roeId: string;
let janeId: string;

async function signInAs(
  email: string,
  password = DEMO_PASSWORD,
  viewport?: { width: number; height: number },
) {
  const opened = await openPage(browser, viewport);
  await opened.page.goto(`${t.url}/login`);
  await signIn(opened.page, email, password);
  // Signing in ends on the user's landing page; a navigation before that would race with it.
  await opened.page.waitForURL((url) => url.pathname !== '/login');
  return opened;
}

async function expectNoSideScroll(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
}

describeInBrowser('firm administration in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    attorney = await t.signIn(demoLogins.attorney1);
    const matters = await attorney.get('/api/v1/matters?q=Roe');
    roeId = matters.body.items[0].id;
    janeId = await contactIdByName(attorney, 'Jane Roe');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an admin lands on the overview, adds a user and grants "Can View All Secure Chats"; the user then sees a thread live', async () => {
    const { page, context, problems } = await signInAs(demoLogins.admin);
    await page.waitForURL('**/admin');
    await heading(page, 'Overview').waitFor();
    await page.getByText('Active users').waitFor();
    await expectNoSeriousA11yViolations(page, 'the admin overview');

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Users' })
      .click();
    await heading(page, 'Users').waitFor();
    await page.getByRole('table', { name: 'Users' }).getByText('Alex Attorney').waitFor();
    await expectNoSeriousA11yViolations(page, 'the users page');

    await page.getByRole('button', { name: 'Add user' }).click();
    const add = page.getByRole('dialog', { name: 'Add a user' });
    await add.getByRole('textbox', { name: 'Name' }).fill('Pat Paralegal');
    await add.getByRole('textbox', { name: 'E-mail' }).fill('pat@demo.parley.test');
    await add.getByRole('combobox', { name: 'Role' }).selectOption('staff');
    await add.getByRole('textbox', { name: 'First password' }).fill('short');
    await add.getByRole('button', { name: 'Add user' }).click();
    await add.getByText(/12/).first().waitFor();
    await expectNoSeriousA11yViolations(page, 'the add-user dialog with an error');
    await add.getByRole('textbox', { name: 'First password' }).fill('pat-first-password');
    await add.getByRole('button', { name: 'Add user' }).click();
    await add.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Manage Pat Paralegal' }).click();
    const manage = page.getByRole('dialog', { name: 'Manage Pat Paralegal' });
    await manage.getByRole('checkbox', { name: 'Can View All Secure Chats' }).check();
    await manage.getByRole('checkbox', { name: 'Can view all matters' }).check();
    await manage.getByRole('button', { name: 'Save role and permissions' }).click();
    await manage.getByRole('status').getByText('Saved.').waitFor();
    await expectNoSeriousA11yViolations(page, 'the manage-user dialog');
    await screenshot(page, 'admin-manage-user');
    await page.keyboard.press('Escape');
    await page
      .getByRole('row', { name: /Pat Paralegal/ })
      .getByText('All chats')
      .waitFor();

    const pat = await signInAs('pat@demo.parley.test', 'pat-first-password');
    await pat.page.goto(`${t.url}/matters/${roeId}/secure-chat`);
    await pat.page.locator('nav[aria-label="Secure chat threads"]').waitFor();
    // Attorney 1 starts a thread Pat is not a member of; it appears on Pat's screen as it happens.
    const thread = await attorney.post('/api/v1/conversations', {
      kind: 'secure_chat',
      matterId: roeId,
      contactId: janeId,
      contactPhone: '+12025550143',
    });
    expect(thread.status).toBe(201);
    await attorney.post(`/api/v1/conversations/${thread.body.id}/messages`, {
      body: 'Deposition moved to 3 PM.',
    });
    // The thread appears in Pat's list without a reload (the demo firm has other threads with Jane Roe).
    await pat.page.locator(`.thread-link[href$="${thread.body.id}"]`).click();
    await pat.page.locator('[role="log"]').getByText('Deposition moved to 3 PM.').waitFor();
    await attorney.post(`/api/v1/conversations/${thread.body.id}/messages`, {
      body: 'Room 4B, bring your ID.',
    });
    await pat.page.locator('[role="log"]').getByText('Room 4B, bring your ID.').waitFor();
    expect(pat.problems).toEqual([]);
    await pat.context.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('teams, matters and settings: create, edit, close, switch, with axe on each screen', async () => {
    const { page, context, problems } = await signInAs(demoLogins.admin);
    await page.waitForURL('**/admin');

    await page.goto(`${t.url}/admin/teams`);
    await heading(page, 'Teams and circles').waitFor();
    await page.getByRole('table', { name: 'Teams and circles' }).getByText('Litigation').waitFor();
    await expectNoSeriousA11yViolations(page, 'the teams page');
    await page.getByRole('button', { name: 'New team or circle' }).click();
    const team = page.getByRole('dialog', { name: 'New team or circle' });
    await team.getByRole('textbox', { name: 'Name' }).fill('Intake');
    await team.getByRole('combobox', { name: 'Kind' }).selectOption('circle');
    await team.getByRole('button', { name: 'Create' }).click();
    await team.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: 'Teams and circles' }).getByText('Intake').waitFor();

    await page.goto(`${t.url}/matters`);
    await heading(page, 'Matters').waitFor();
    await page.getByRole('button', { name: 'New matter' }).click();
    const matter = page.getByRole('dialog', { name: 'New matter' });
    await matter.getByRole('textbox', { name: 'Matter number' }).fill('2026-0099');
    await matter.getByRole('textbox', { name: 'Name' }).fill('Doe Lease Dispute');
    await matter.getByRole('combobox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: 'Alex Attorney' }).click();
    await expectNoSeriousA11yViolations(page, 'the new-matter dialog');
    await matter.getByRole('button', { name: 'Open matter' }).click();
    await heading(page, 'Doe Lease Dispute').waitFor();
    await page.getByRole('combobox', { name: 'Link a contact' }).click();
    await page.getByRole('option', { name: 'John Smith' }).click();
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByRole('button', { name: 'Unlink John Smith' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'a matter with admin actions');
    await page.getByRole('button', { name: 'Close matter' }).click();
    await page
      .getByRole('dialog', { name: 'Close this matter?' })
      .getByRole('button', { name: 'Close matter' })
      .click();
    await page.getByRole('button', { name: 'Reopen matter' }).waitFor();

    await page.goto(`${t.url}/settings`);
    await heading(page, 'Settings').waitFor();
    await page.getByRole('table', { name: 'Secure-chat numbers' }).waitFor();
    await page.getByRole('table', { name: 'Audit entries' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the settings page');
    await page.getByRole('textbox', { name: 'New number' }).fill('202-555-0111');
    await page.getByRole('button', { name: 'Add number' }).click();
    await page.getByText('must be E.164, e.g. +12025550100').waitFor();
    await page.getByRole('textbox', { name: 'New number' }).fill('+12025550111');
    await page.getByRole('button', { name: 'Add number' }).click();
    await page.getByRole('button', { name: 'Remove +12025550111' }).waitFor();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page
      .getByRole('status')
      .getByText(/entries link up/)
      .waitFor();

    await page.getByRole('switch', { name: 'Secure Chat is on' }).click();
    await expect
      .poll(async () => (await attorney.get('/api/v1/settings')).body.secureChatEnabled)
      .toBe(false);
    await page.goto(`${t.url}/matters/${roeId}`);
    await heading(page, 'Roe v. Acme Corp.').waitFor();
    await page.getByRole('tab', { name: 'Overview' }).waitFor();
    // The tab shows until the firm's settings arrive, so wait for the page to settle on them.
    await expect.poll(() => page.getByRole('tab', { name: 'Secure Chat' }).count()).toBe(0);
    await t.signIn(demoLogins.admin).then((a) => a.put('/api/v1/settings', { secureChatEnabled: true }));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 390 px the admin screens fit, pass axe, and the dark scheme can be chosen from the user menu', async () => {
    const { page, context, problems } = await signInAs(demoLogins.admin, DEMO_PASSWORD, {
      width: 390,
      height: 844,
    });
    await page.waitForURL('**/admin');
    for (const [path, title] of [
      ['/admin', 'Overview'],
      ['/admin/users', 'Users'],
      ['/admin/teams', 'Teams and circles'],
      ['/settings', 'Settings'],
    ] as const) {
      await page.goto(`${t.url}${path}`);
      await heading(page, title).waitFor();
      await expectNoSeriousA11yViolations(page, `${title} at 390 px`);
      await expectNoSideScroll(page, title);
    }
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: /^Dark/ }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme')))
      .toBe('dark');
    await page.keyboard.press('Escape');
    await page.reload();
    await heading(page, 'Settings').waitFor();
    expect(
      await page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme')),
    ).toBe('dark');
    await expectNoSeriousA11yViolations(page, 'settings in the dark scheme');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a portal invitation sent from the contact page is activated through /dev/mail', async () => {
    const { page, context, problems } = await signInAs(demoLogins.attorney1);
    const mariaId = await contactIdByName(attorney, 'Maria Garcia');
    await page.goto(`${t.url}/contacts/${mariaId}`);
    await heading(page, 'Maria Garcia').waitFor();
    await page.getByRole('button', { name: 'Invite to portal' }).click();
    await page
      .getByRole('status')
      .getByText(/Invitation sent to maria.garcia@example.com/)
      .waitFor();
    await page.getByText('Portal: Invited').waitFor();
    await expectNoSeriousA11yViolations(page, 'the contact page after inviting');

    await page.goto(`${t.url}/dev/mail`);
    await heading(page, 'Dev mailbox').waitFor();
    await page
      .getByRole('heading', { level: 2, name: 'Your secure client portal at Demo Law LLP' })
      .first()
      .waitFor();
    const link = page.getByRole('link', { name: /\/portal\/activate\?token=/ }).first();
    const href = (await link.getAttribute('href')) as string;

    const client = await openPage(browser);
    await client.page.goto(href);
    await heading(client.page, 'Activate your client portal').waitFor();
    await client.page
      .getByRole('textbox', { name: 'New password', exact: true })
      .fill('a long portal passphrase');
    await client.page
      .getByRole('textbox', { name: 'Confirm password', exact: true })
      .fill('a long portal passphrase');
    await client.page.getByRole('button', { name: 'Activate and sign in' }).click();
    await client.page.waitForURL('**/portal/messages');
    await client.context.close();

    await page.goto(`${t.url}/contacts/${mariaId}`);
    await page.getByText('Portal: Active').waitFor();
    expect(
      await page.getByRole('button', { name: /Invite to portal|Send the invitation again/ }).count(),
    ).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
