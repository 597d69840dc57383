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

const ATTORNEY1 = 'attorney1@demo.parley.test';
const MATTER = 'Roe v. Acme Corp.';
const JANE_WORK = '+1 202 555 0144 · work';

let t: TestApp;
let browser: Browser;

/** Signs attorney1 in on the Contacts page. */
async function openContacts(page: Page): Promise<void> {
  await page.goto(`${t.url}/contacts`);
  await signIn(page, ATTORNEY1, DEMO_PASSWORD);
  await heading(page, 'Contacts').waitFor();
  await contactRows(page).first().waitFor();
}

/** The rows of the contacts table. */
function contactRows(page: Page) {
  return page.getByRole('main').getByRole('table').locator('tbody tr');
}

/** The chat's message with this text. */
function bubble(page: Page, text: string) {
  return page
    .getByRole('log', { name: /^Messages with/ })
    .getByRole('article')
    .filter({ hasText: text });
}

describeInBrowser('contacts in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds Jane Roe, shows her matters, and starts a secure chat from her page that the matter shows too', async () => {
    const { page, context, problems } = await openPage(browser);
    await openContacts(page);
    expect(await page.title()).toMatch(/^(\(\d+\) )?Contacts · Parley$/);
    const navLink = page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Contacts' });
    expect(await navLink.getAttribute('aria-current')).toBe('page');
    await expect.poll(() => contactRows(page).count()).toBe(3);
    await expectNoSeriousA11yViolations(page, 'the contacts list');
    await screenshot(page, 'contacts-list');

    const search = page.getByRole('searchbox', { name: 'Search contacts' });
    await search.fill('roe');
    await expect.poll(() => contactRows(page).count()).toBe(1);
    expect(await contactRows(page).first().textContent()).toContain('+1 202 555 0143');
    await search.fill('0178');
    await expect.poll(() => contactRows(page).first().textContent()).toContain('John Smith');
    await search.fill('nobody-like-this');
    await page.getByText('No matching contacts').waitFor();
    await screenshot(page, 'contacts-no-match');
    await search.fill('Jane');
    await page.getByRole('link', { name: 'Jane Roe' }).click();

    await heading(page, 'Jane Roe').waitFor();
    expect(await page.title()).toMatch(/^(\(\d+\) )?Jane Roe · Parley$/);
    const main = page.getByRole('main');
    await main.getByRole('link', { name: '+1 202 555 0143' }).waitFor();
    expect(await main.getByRole('listitem').filter({ hasText: '+1 202 555 0144' }).textContent()).toContain(
      '· work',
    );
    expect(await main.getByRole('link', { name: 'jane.roe@example.com' }).isVisible()).toBe(true);
    expect(await main.getByText('Alex Attorney').isVisible()).toBe(true);
    expect(await main.getByText('Signs in to the client portal.').isVisible()).toBe(true);
    const matters = main.getByRole('table', { name: 'Linked matters' });
    await matters.getByRole('link', { name: MATTER }).waitFor();
    await expect.poll(() => matters.locator('tbody tr').count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'the contact page');
    await screenshot(page, 'contact-overview');

    await page.getByRole('tab', { name: 'Secure Chat' }).click();
    await page.waitForURL('**/secure-chat');
    await page.getByText('No secure chats yet').waitFor();
    await page.getByRole('button', { name: 'Create new' }).click();
    const dialog = page.getByRole('dialog', { name: 'New secure chat' });
    await dialog.waitFor();
    const matter = dialog.getByRole('combobox', { name: 'Matter' });
    // Her only matter is chosen for the user.
    await expect.poll(() => matter.locator('option:checked').textContent()).toBe(MATTER);
    const phone = dialog.getByRole('combobox', { name: 'Client Number' });
    await expect.poll(() => phone.isEnabled()).toBe(true);
    await phone.selectOption({ label: JANE_WORK });
    await expectNoSeriousA11yViolations(page, 'the Create new dialog on a contact');
    await screenshot(page, 'contact-secure-chat-create');
    await dialog.getByRole('button', { name: 'Start thread' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}\/secure-chat\/[0-9a-f-]{36}$/);
    const conversationId = page.url().split('/').pop() as string;
    const threads = page.getByRole('navigation', { name: 'Secure chat threads' });
    await threads.getByRole('link', { name: new RegExp(MATTER.replaceAll('.', '\\.')) }).waitFor();
    await page.getByRole('heading', { name: 'No messages yet' }).waitFor();
    expect(await main.getByText('+1 202 555 0144 · from firm number').isVisible()).toBe(true);

    const text = 'Hi Jane, Alex here. Could you call me about the settlement offer?';
    const composer = page.getByRole('textbox', { name: 'Message to Jane Roe' });
    await composer.fill(text);
    await composer.press('Enter');
    const sent = bubble(page, text);
    await sent.waitFor();
    await expect
      .poll(() => sent.locator('[data-delivery]').getAttribute('data-delivery'), { timeout: 15_000 })
      .toMatch(/^(sent|delivered)$/);
    // The text went to her work number, not her mobile.
    const outbox = await (await t.signIn(ATTORNEY1)).get(
      `/dev/sms/outbox?to=${encodeURIComponent('+12025550144')}`,
    );
    expect(outbox.status).toBe(200);
    // The first text of a thread names the firm and the sender: "Demo Law LLP - Alex Attorney: …".
    expect(outbox.body.items.map((i: { body: string }) => i.body)).toContainEqual(
      expect.stringContaining(`Alex Attorney: ${text}`),
    );
    await expectNoSeriousA11yViolations(page, 'the chat on the contact page');
    await screenshot(page, 'contact-secure-chat-sent');

    // The thread names its matter, and the matter's own Secure Chat tab lists the same thread.
    await main.getByRole('link', { name: MATTER, exact: true }).click();
    await heading(page, MATTER).waitFor();
    const clientLink = main.getByRole('link', { name: 'Jane Roe' }).first();
    expect(await clientLink.getAttribute('href')).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
    await page.getByRole('tab', { name: 'Secure Chat' }).click();
    const onMatter = threads.getByRole('link', { name: /Jane Roe/ });
    await onMatter.waitFor();
    expect(await onMatter.textContent()).toContain('+1 202 555 0144');
    await onMatter.click();
    await page.waitForURL(`**/matters/*/secure-chat/${conversationId}`);
    await bubble(page, text).waitFor();
    await screenshot(page, 'contact-thread-on-matter');

    // And back: the client's name on the matter leads to her page.
    await clientLink.click();
    await heading(page, 'Jane Roe').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('creates a contact: a bad phone is named under its own input, a good one lands in the list', async () => {
    const { page, context, problems } = await openPage(browser);
    await openContacts(page);
    await page.getByRole('button', { name: 'New contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(page, 'the New contact dialog');
    await screenshot(page, 'contacts-create-dialog');

    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Pat Newclient');
    await dialog.getByRole('textbox', { name: 'Phone number 1' }).fill('(202) 555-0188');
    await dialog.getByRole('textbox', { name: 'Label of phone 1' }).fill('mobile');
    await dialog.getByRole('button', { name: 'Add phone' }).click();
    const second = dialog.getByRole('textbox', { name: 'Phone number 2' });
    await second.fill('555-01');
    await dialog.getByRole('textbox', { name: 'E-mail address 1' }).fill('Pat@Example.com');
    await dialog.getByRole('textbox', { name: 'Postal address' }).fill('1 Main Street\nSpringfield');
    await dialog.getByRole('button', { name: 'Create contact' }).click();

    await expect.poll(() => second.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByText('Not a valid phone number').count()).toBe(1);
    expect(
      await dialog.getByRole('textbox', { name: 'Phone number 1' }).getAttribute('aria-invalid'),
    ).not.toBe('true');
    // The error is read out with its input, which has the focus.
    const describedBy = (await second.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).toBe(
      'Not a valid phone number',
    );
    expect(await second.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectNoSeriousA11yViolations(page, 'the New contact dialog with a field error');
    await screenshot(page, 'contacts-create-bad-phone');

    await second.fill('+44 20 7946 0958');
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = contactRows(page).filter({ hasText: 'Pat Newclient' });
    await row.waitFor();
    expect(await row.textContent()).toContain('+1 202 555 0188');
    expect(await row.textContent()).toContain('pat@example.com');
    await screenshot(page, 'contacts-created');

    // Her page shows what was typed, normalised; an edit (PATCH) replaces the address.
    await row.getByRole('link', { name: 'Pat Newclient' }).click();
    await heading(page, 'Pat Newclient').waitFor();
    const main = page.getByRole('main');
    expect(await main.getByRole('link', { name: '+44 20 7946 0958' }).isVisible()).toBe(true);
    await main.getByText('No matters you can see').waitFor();
    await page.getByRole('button', { name: 'Edit contact' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit contact' });
    await edit.waitFor();
    expect(await edit.getByRole('textbox', { name: 'Phone number 2' }).inputValue()).toBe('+442079460958');
    await edit.getByRole('textbox', { name: 'Postal address' }).fill('22 Elm Road\nShelbyville');
    await edit.getByRole('button', { name: 'Remove phone 2' }).click();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'detached' });
    await main.getByText('22 Elm Road').waitFor();
    expect(await main.getByRole('link', { name: '+44 20 7946 0958' }).count()).toBe(0);
    await screenshot(page, 'contact-edited');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('pages through many contacts with Load more, and fits a 375 px wide phone', async () => {
    const api = await t.signIn(ATTORNEY1);
    for (let i = 0; i < 55; i += 1) {
      const r = await api.post('/api/v1/contacts', {
        name: `Paging Person ${String(i).padStart(2, '0')}`,
        phones: [{ number: `+1 415 555 ${String(1000 + i)}` }],
      });
      expect(r.status).toBe(201);
    }
    const { page, context, problems } = await openPage(browser, { width: 375, height: 740 });
    await openContacts(page);
    await expect.poll(() => contactRows(page).count()).toBe(50);
    const total = (await api.get('/api/v1/contacts?limit=200')).body.items.length;
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => contactRows(page).count()).toBe(total);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'contacts-phone');

    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Jane');
    await page.getByRole('link', { name: 'Jane Roe' }).click();
    await heading(page, 'Jane Roe').waitFor();
    await page.getByRole('link', { name: MATTER, exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'contact-phone');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the client portal’s live connection', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/portal`);
    await signIn(page, 'jane.roe@example.com', DEMO_PASSWORD);
    await heading(page, 'Messages').waitFor();
    const indicator = page.getByRole('status', { name: /^Live updates/ });
    await expect.poll(() => indicator.getAttribute('data-status'), { timeout: 10_000 }).toBe('connected');
    expect(await indicator.getAttribute('aria-label')).toBe('Live updates: connected');
    await expectNoSeriousA11yViolations(page, 'the portal with its connection indicator');
    await screenshot(page, 'portal-live');
    expect(problems).toEqual([]);
    await context.close();
  });
});
