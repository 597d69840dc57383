import type { Browser, Page } from 'playwright-core';
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

const ADMIN = 'admin@demo.parley.test';
const ATTORNEY1 = 'attorney1@demo.parley.test';
const MATTER = 'Roe v. Acme Corp.';
const JANE_MOBILE = '+12025550143';
const JANE_WORK = '+12025550144';
/** Two clients the texts-only test adds to Roe v. Acme Corp. */
const KIM_MOBILE = '+12025550161';
const SAM_MOBILE = '+12025550162';
/** The demo's ended thread with Jane's work phone texted from the pool's second number. */
const ENDED_THREAD_NUMBER = '+12025550901';

let t: TestApp;
let browser: Browser;

async function openSecureChatTab(page: Page): Promise<void> {
  await heading(page, 'Matters').waitFor();
  await page.getByRole('link', { name: MATTER }).click();
  await heading(page, MATTER).waitFor();
  await page.getByRole('tab', { name: 'Secure Chat' }).click();
  await page.getByRole('button', { name: 'Create new' }).waitFor();
}

describeInBrowser('secure chat, issue 10, in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a client’s text to an ended thread reaches its creator, who starts a new thread from it', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, ATTORNEY1, DEMO_PASSWORD);
    await heading(page, 'Matters').waitFor();

    const phone = await t.signIn(ATTORNEY1);
    const text = 'Hello, I have a question about the settlement letter.';
    const r = await phone.post('/dev/sms/inbound', { from: JANE_WORK, to: ENDED_THREAD_NUMBER, body: text });
    expect(r.body.result).toBe('unlinked');

    const title = 'Jane Roe texted +1 202 555 0144 after the thread ended';
    const toast = page.locator('.mantine-Notification-root').filter({ hasText: title });
    await toast.waitFor();
    expect(await toast.textContent()).toContain(MATTER);
    expect(await toast.textContent()).toContain('settlement letter');
    await expect.poll(() => page.title()).toMatch(/^\(\d+\) /);
    await screenshot(page, 'secure-chat-text-after-end-toast');

    await page.getByRole('button', { name: /^Notifications, \d+ unread/ }).click();
    await page
      .getByRole('button', { name: new RegExp(title.replaceAll('+', '\\+')) })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.getByTestId('notification-text').waitFor();
    expect(await dialog.getByTestId('notification-text').textContent()).toBe(text);
    await expectNoSeriousA11yViolations(page, 'the text-after-end notification');
    await screenshot(page, 'secure-chat-text-after-end');

    await dialog.getByRole('link', { name: /^Start a new thread/ }).click();
    const create = page.getByRole('dialog', { name: 'New secure chat' });
    await create.waitFor();
    await expect.poll(() => create.getByRole('combobox', { name: 'Contact' }).inputValue()).not.toBe('');
    await expect
      .poll(() => create.getByRole('combobox', { name: 'Client Number' }).inputValue())
      .toBe(JANE_WORK);
    await create.getByRole('button', { name: 'Start thread' }).click();
    await page.waitForURL(/\/secure-chat\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'No messages yet' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the limit message lists the open threads with links and ends one in place; the number of a thread changes', async () => {
    const admin = await t.signIn(ADMIN);
    expect((await admin.put('/api/v1/settings', { secureChatMaxOpenPerClient: 1 })).status).toBe(200);
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, ATTORNEY1, DEMO_PASSWORD);
    await openSecureChatTab(page);

    // One open thread with Jane (the first case leaves one) makes a second one over the limit of 1.
    const alex = await t.signIn(ATTORNEY1);
    const open = await alex.get('/api/v1/conversations?kind=secure_chat&filter=open');
    if (open.body.items.length === 0) {
      const roe = (await alex.get('/api/v1/matters')).body.items.find(
        (m: { name: string }) => m.name === MATTER,
      );
      const contactId = (await alex.get(`/api/v1/matters/${roe.id}`)).body.contactIds[0];
      const made = await alex.post('/api/v1/conversations', {
        kind: 'secure_chat',
        matterId: roe.id,
        contactId,
        contactPhone: JANE_WORK,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
    await page.getByRole('button', { name: 'Create new' }).click();
    const dialog = page.getByRole('dialog', { name: 'New secure chat' });
    await dialog.getByRole('combobox', { name: 'Contact' }).selectOption({ label: 'Jane Roe' });
    const phone = dialog.getByRole('combobox', { name: 'Client Number' });
    await expect.poll(() => phone.isEnabled()).toBe(true);
    await phone.selectOption(JANE_MOBILE);
    await dialog.getByRole('button', { name: 'Start thread' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/You already have 1 open thread with this client/);
    const counted = alert.getByRole('list', { name: 'Open threads that count' }).getByRole('listitem');
    await expect.poll(() => counted.count()).toBe(1);
    expect(await counted.getByRole('link').getAttribute('href')).toMatch(
      /\/matters\/[0-9a-f-]{36}\/secure-chat\/[0-9a-f-]{36}$/,
    );
    await expectNoSeriousA11yViolations(page, 'the limit message');
    await screenshot(page, 'secure-chat-limit-with-threads');

    await counted.getByRole('button', { name: /^End the thread/ }).click();
    await alert.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Start thread' }).click();
    await page.waitForURL(/\/secure-chat\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'No messages yet' }).waitFor();

    await page.getByRole('button', { name: 'Change number' }).click();
    const change = page.getByRole('dialog', { name: 'Change client number' });
    await expect
      .poll(() => change.getByRole('combobox', { name: 'New client number' }).inputValue())
      .toBe(JANE_WORK);
    await expectNoSeriousA11yViolations(page, 'the Change number dialog');
    await screenshot(page, 'secure-chat-change-number');
    await change.getByRole('button', { name: 'Change number' }).click();
    await change.waitFor({ state: 'detached' });
    await page
      .getByText(/Alex Attorney changed the client number from \+1 202 555 0143 to \+1 202 555 0144/)
      .last()
      .waitFor();
    await page.getByRole('main').getByText('+1 202 555 0144 · from firm number').waitFor();
    await screenshot(page, 'secure-chat-number-changed');
    expect(problems).toEqual([]);
    await context.close();
    await admin.put('/api/v1/settings', { secureChatMaxOpenPerClient: 3 });
  });

  it('shows thread previews, the Ended filter and search; at 390 px membership and number edits are hidden', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, ATTORNEY1, DEMO_PASSWORD);
    await openSecureChatTab(page);
    await page.locator('label', { hasText: /^Ended$/ }).click();
    const threads = page.getByRole('navigation', { name: 'Secure chat threads' });
    await threads.getByText('Started by Alex Attorney').first().waitFor();
    await page.getByRole('searchbox', { name: 'Search threads by client name or number' }).fill('555 0144');
    await expect.poll(() => threads.getByRole('link').count()).toBeGreaterThan(0);
    await screenshot(page, 'secure-chat-thread-list');
    // The demo's ended thread, whose last message is Jane's text after the end.
    await threads
      .getByRole('link')
      .filter({ hasText: /Jane Roe:/ })
      .first()
      .click();
    await page.getByTestId('after-end').first().waitFor();
    expect(await page.getByRole('button', { name: /Mute chat/ }).count()).toBe(0);
    await screenshot(page, 'secure-chat-ended-with-late-text');
    await context.close();

    const phone = await openPage(browser, { width: 390, height: 800 });
    await phone.page.goto(`${t.url}/matters`);
    await signIn(phone.page, ATTORNEY1, DEMO_PASSWORD);
    await openSecureChatTab(phone.page);
    await phone.page
      .getByRole('navigation', { name: 'Secure chat threads' })
      .getByRole('link')
      .first()
      .click();
    await phone.page.getByRole('button', { name: 'Manage Members' }).click();
    const members = phone.page.getByRole('dialog', { name: 'Manage Members' });
    await members.getByText('Membership is changed on a larger screen.').waitFor();
    expect(await members.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await phone.page.getByRole('button', { name: 'Change number' }).isVisible()).toBe(false);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone.page, 'secure-chat-members-phone');
    expect([...problems, ...phone.problems]).toEqual([]);
    await phone.context.close();
  });
  it('a contact added from the matter is a "Texts only" member: the next text reaches their phone too', async () => {
    // Two clients of their own on Roe v. Acme Corp., so the thread and its numbers are this test's alone.
    const api = await t.signIn(ATTORNEY1);
    const matters = (await api.get('/api/v1/matters')).body.items as { id: string; name: string }[];
    const roe = matters.find((m) => m.name === MATTER) as { id: string };
    const contact = async (name: string, number: string) => {
      const made = await api.post('/api/v1/contacts', { name, phones: [{ number }] });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const linked = await api.post(`/api/v1/matters/${roe.id}/contacts`, { contactId: made.body.id });
      expect(linked.status, JSON.stringify(linked.body)).toBeLessThan(300);
      return made.body.id as string;
    };
    const kim = await contact('Kim Roe', KIM_MOBILE);
    await contact('Sam Roe', SAM_MOBILE);
    const thread = await api.post('/api/v1/conversations', {
      kind: 'secure_chat',
      matterId: roe.id,
      contactId: kim,
      contactPhone: KIM_MOBILE,
    });
    expect(thread.status, JSON.stringify(thread.body)).toBe(201);

    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters/${roe.id}/secure-chat/${thread.body.id}`);
    await signIn(page, ATTORNEY1, DEMO_PASSWORD);
    await page.getByRole('log', { name: 'Messages with Kim Roe' }).waitFor();

    await page.getByRole('button', { name: 'Manage Members' }).click();
    const members = page.getByRole('dialog', { name: 'Manage Members' });
    await members.getByText('Contact on this matter').click();
    await members.getByRole('combobox', { name: 'Contact' }).selectOption({ label: 'Sam Roe' });
    await members.getByRole('button', { name: 'Add member' }).click();
    const table = members.getByRole('table', { name: 'Contacts' });
    await table.getByText('Sam Roe').waitFor();
    expect(await table.getByRole('row', { name: /Sam Roe/ }).textContent()).toContain('Texts only');
    expect(await members.getByTestId('contacts-explainer').textContent()).toMatch(
      /receive the thread’s texts at the first phone number on their contact record/,
    );
    await expectNoSeriousA11yViolations(page, 'the Manage Members dialog with a texts-only contact');
    await screenshot(page, 'secure-chat-members-texts-only');
    await page.keyboard.press('Escape');
    await members.waitFor({ state: 'hidden' });

    const composer = page.getByRole('textbox', { name: 'Message to Kim Roe' });
    await composer.fill('Kim, Sam: the settlement meeting moved to Friday.');
    await composer.press('Enter');
    const texts = async (to: string) =>
      (await api.get(`/dev/sms/outbox?to=${encodeURIComponent(to)}`)).body.items.map(
        (m: { body: string }) => m.body,
      );
    await expect
      .poll(async () => (await texts(SAM_MOBILE)).join('|'), { timeout: 15_000 })
      .toContain('Kim, Sam: the settlement meeting moved to Friday.');
    expect((await texts(KIM_MOBILE)).join('|')).toContain(
      'Kim, Sam: the settlement meeting moved to Friday.',
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
