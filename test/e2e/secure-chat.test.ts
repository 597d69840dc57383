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
const ATTORNEY2 = 'attorney2@demo.parley.test';
const MATTER = 'Roe v. Acme Corp.';
const JANE_MOBILE = '+1 202 555 0143 · mobile';

let t: TestApp;
let browser: Browser;

/** Opens the matter from the Matters list and its Secure Chat tab. */
async function openSecureChatTab(page: Page): Promise<void> {
  await heading(page, 'Matters').waitFor();
  await page.getByRole('link', { name: MATTER }).click();
  await heading(page, MATTER).waitFor();
  await page.getByRole('tab', { name: 'Secure Chat' }).click();
  await page.getByRole('button', { name: 'Create new' }).waitFor();
}

/** Starts a thread with Jane Roe's mobile from the "Create new" dialog; answers the dialog. */
async function fillCreateDialog(page: Page) {
  await page.getByRole('button', { name: 'Create new' }).click();
  const dialog = page.getByRole('dialog', { name: 'New secure chat' });
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: 'Contact' }).selectOption({ label: 'Jane Roe' });
  const phone = dialog.getByRole('combobox', { name: 'Client Number' });
  await expect.poll(() => phone.isEnabled()).toBe(true);
  await phone.selectOption({ label: JANE_MOBILE });
  return dialog;
}

/** The chat's message with this text. */
function bubble(page: Page, text: string) {
  return page
    .getByRole('log', { name: /^Messages with/ })
    .getByRole('article')
    .filter({ hasText: text });
}

/** The unread count the bell announces (the demo firm starts with some notifications of its own). */
async function unreadInBell(page: Page): Promise<number> {
  const label = await page
    .getByRole('button', { name: /^Notifications/ })
    .first()
    .getAttribute('aria-label');
  return Number(/(\d+)\+? unread/.exec(label ?? '')?.[1] ?? 0);
}

describeInBrowser('secure chat in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // Two browsers, a sent text and a simulated reply: more than the default 30 s on a busy 2-core machine.
  it('an attorney starts a thread, texts the client, and the simulated client’s reply appears live', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, ATTORNEY1, DEMO_PASSWORD);
    await heading(page, 'Matters').waitFor();
    await page.getByRole('link', { name: MATTER }).click();
    await heading(page, MATTER).waitFor();
    // The demo's unread notification (a text after a thread ended) puts a count in front of the title.
    expect(await page.title()).toMatch(/^(\(\d+\) )?Roe v\. Acme Corp\. · Parley$/);
    const header = page.getByRole('main');
    await header.getByText('Alex Attorney, Blair Barrister').waitFor();
    expect(await header.getByText('Jane Roe').first().isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'the matter page');
    await screenshot(page, 'secure-chat-matter-overview');

    await page.getByRole('tab', { name: 'Secure Chat' }).click();
    await page.waitForURL('**/secure-chat');
    await page.getByText('No secure chats yet').waitFor();
    await expectNoSeriousA11yViolations(page, 'the empty Secure Chat tab');
    await screenshot(page, 'secure-chat-tab-empty');

    const dialog = await fillCreateDialog(page);
    await expectNoSeriousA11yViolations(page, 'the Create new dialog');
    await screenshot(page, 'secure-chat-create-dialog');
    await dialog.getByRole('button', { name: 'Start thread' }).click();
    await page.waitForURL(/\/secure-chat\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'No messages yet' }).waitFor();
    const threads = page.getByRole('navigation', { name: 'Secure chat threads' });
    await threads.getByRole('link', { name: /Jane Roe/ }).waitFor();

    // A marker on window survives only if the page is never reloaded.
    await page.evaluate(() => {
      (window as unknown as { noReload: boolean }).noReload = true;
    });

    const composer = page.getByRole('textbox', { name: 'Message to Jane Roe' });
    await composer.fill('Hello Jane, this is Alex. Can you send the signed lease?');
    // The counter counts the text the client receives: the first text of a thread carries the
    // sender prefix ("Demo Law LLP - Alex Attorney: ") and the opt-out footer, 108 characters in all.
    expect(await page.getByTestId('segment-counter').textContent()).toBe(
      'SMS: 1 segment · 52 characters left in this segment',
    );
    await composer.press('Shift+Enter');
    await composer.pressSequentially('Thanks 🙂');
    expect(await page.getByText(/switches the text to Unicode/).isVisible()).toBe(true);
    await composer.press('Enter');
    const sent = bubble(page, 'Hello Jane, this is Alex.');
    await sent.waitFor();
    expect(await composer.inputValue()).toBe('');
    // The simulator "delivers" the text; the ticks follow the delivery without a reload.
    await expect
      .poll(() => sent.locator('[data-delivery]').getAttribute('data-delivery'), { timeout: 15_000 })
      .toMatch(/^(sent|delivered)$/);
    await expectNoSeriousA11yViolations(page, 'the chat view');
    await screenshot(page, 'secure-chat-sent');

    // The client's phone, played by the development simulator page.
    const phone = await openPage(browser, { width: 420, height: 800 });
    // It needs a staff sign-in (the sign-in round trip itself is covered by the portal activation test).
    const phoneStaff = await t.signIn(ATTORNEY1);
    await phone.context.addCookies([
      { name: 'parley_session', value: phoneStaff.cookie('parley_session') as string, url: t.url },
    ]);
    await phone.page.goto(`${t.url}/dev/phone`);
    await heading(phone.page, 'Simulated phone').waitFor();
    expect(await phone.page.getByText('Development simulator').isVisible()).toBe(true);
    expect(await phone.page.getByRole('textbox', { name: 'Client phone number' }).inputValue()).toBe(
      '+12025550143',
    );
    const received = phone.page.getByRole('article').filter({ hasText: 'Hello Jane, this is Alex.' });
    await received.waitFor({ timeout: 15_000 });
    expect(await received.textContent()).toContain('Thanks 🙂');
    await expectNoSeriousA11yViolations(phone.page, 'the simulated phone');
    await screenshot(phone.page, 'secure-chat-dev-phone');

    const unreadBefore = await unreadInBell(page);
    await phone.page.getByRole('textbox', { name: 'Reply' }).fill('Sure, I will send it tonight.');
    await phone.page.getByRole('button', { name: 'Send' }).click();
    await phone.page.getByRole('article').filter({ hasText: 'Sure, I will send it tonight.' }).waitFor();
    await screenshot(phone.page, 'secure-chat-dev-phone-replied');

    const reply = bubble(page, 'Sure, I will send it tonight.');
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.getAttribute('data-side')).toBe('client');
    expect(await reply.textContent()).toContain('Jane Roe');
    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    // The reply is on screen, so its notification does not linger in the bell.
    await expect.poll(() => unreadInBell(page)).toBe(unreadBefore);
    await screenshot(page, 'secure-chat-reply-live');

    expect(problems).toEqual([]);
    expect(phone.problems).toEqual([]);
    await phone.context.close();
    await context.close();
  }, 60_000);

  it('manages members: adds attorney2, who is notified in the bell, mutes them, then ends the thread', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, ATTORNEY1, DEMO_PASSWORD);
    await openSecureChatTab(page);
    await page
      .getByRole('navigation', { name: 'Secure chat threads' })
      .getByRole('link', { name: /Jane Roe/ })
      .first()
      .click();
    await page.getByRole('log', { name: 'Messages with Jane Roe' }).waitFor();
    const conversationId = page.url().split('/').pop() as string;

    await page.getByRole('button', { name: 'Manage Members' }).click();
    const members = page.getByRole('dialog', { name: 'Manage Members' });
    await members.waitFor();
    await members.getByRole('table', { name: 'Users' }).getByText('Alex Attorney (you)').waitFor();
    await members.getByRole('combobox', { name: 'User' }).selectOption({ label: 'Blair Barrister' });
    await members.getByRole('button', { name: 'Add member' }).click();
    await members.getByRole('table', { name: 'Users' }).getByText('Blair Barrister').waitFor();
    await expectNoSeriousA11yViolations(page, 'the Manage Members dialog');
    await screenshot(page, 'secure-chat-manage-members');

    // attorney2 now takes part: the client's next text reaches their bell live.
    const colleague = await openPage(browser);
    await colleague.page.goto(`${t.url}/matters`);
    await signIn(colleague.page, ATTORNEY2, DEMO_PASSWORD);
    await heading(colleague.page, 'Matters').waitFor();
    const indicator = colleague.page.getByRole('status', { name: /^Live updates/ });
    await expect.poll(() => indicator.getAttribute('data-status')).toBe('connected');
    const unreadBefore = await unreadInBell(colleague.page);
    const staff = await t.signIn(ATTORNEY1);
    const inbound = await staff.post('/dev/sms/inbound', {
      from: '+12025550143',
      to: await firmNumberOf(conversationId),
      body: 'Also, when is the hearing?',
    });
    expect(inbound.status).toBeLessThan(300);
    await expect.poll(() => unreadInBell(colleague.page), { timeout: 15_000 }).toBe(unreadBefore + 1);
    await colleague.page.getByRole('button', { name: /^Notifications, \d+\+? unread$/ }).click();
    // Newest first: the text that just came in. The list may still be the one fetched before it
    // arrived (the count and the list refetch separately), so wait for an unread item about Jane.
    const item = colleague.page.getByRole('button', { name: /Jane Roe.*\(unread\)/ }).first();
    await item.waitFor();
    await expectNoSeriousA11yViolations(colleague.page, 'the notification list');
    await screenshot(colleague.page, 'secure-chat-notification');
    await item.click();
    await colleague.page.waitForURL(`**/secure-chat/${conversationId}`);
    await bubble(colleague.page, 'Also, when is the hearing?').waitFor();
    await expect.poll(() => unreadInBell(colleague.page)).toBe(unreadBefore);
    expect(colleague.problems).toEqual([]);
    await colleague.context.close();

    // The creator mutes attorney2 from the dialog.
    const mute = members.getByRole('switch', { name: 'Mute Blair Barrister' });
    await mute.click({ force: true });
    await expect.poll(() => mute.isChecked()).toBe(true);
    await members.getByRole('button', { name: 'Close' }).click();

    // The creator's own mute toggle.
    await page.getByRole('button', { name: 'Mute chat' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Unmute chat' }).getAttribute('aria-pressed'))
      .toBe('true');

    await page.getByRole('button', { name: 'Manage Members' }).click();
    await members.getByRole('button', { name: 'End Thread' }).click();
    const confirm = page.getByRole('dialog', { name: 'End this thread?' });
    await confirm.waitFor();
    await expectNoSeriousA11yViolations(page, 'the End thread confirmation');
    await screenshot(page, 'secure-chat-end-confirm');
    await confirm.getByRole('button', { name: 'End thread' }).click();
    await page.getByText('This thread has ended').waitFor();
    await expect.poll(() => page.getByTestId('thread-status').textContent()).toBe('Ended');
    expect(await page.getByRole('textbox', { name: 'Message to Jane Roe' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'an ended thread');
    await screenshot(page, 'secure-chat-ended');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('explains the open-thread limit, and deletes a thread after confirmation', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, ATTORNEY1, DEMO_PASSWORD);
    await openSecureChatTab(page);

    // The limit is three open threads per user and client, whatever the phone: Alex already holds one
    // with Jane in the demo firm (the first test's thread has ended), so two more reach it.
    for (let i = 0; i < 2; i += 1) {
      const dialog = await fillCreateDialog(page);
      await dialog.getByRole('button', { name: 'Start thread' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: 'No messages yet' }).waitFor();
    }
    const dialog = await fillCreateDialog(page);
    await dialog.getByRole('button', { name: 'Start thread' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/end an old thread/i);
    await expectNoSeriousA11yViolations(page, 'the thread-limit error');
    await screenshot(page, 'secure-chat-thread-limit');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const threads = page.getByRole('navigation', { name: 'Secure chat threads' }).getByRole('link');
    // The list (open threads of this matter) refetches after each new thread; wait for the last one.
    await expect.poll(() => threads.count()).toBe(2);
    await page.getByRole('button', { name: 'Manage Members' }).click();
    await page
      .getByRole('dialog', { name: 'Manage Members' })
      .getByRole('button', { name: 'Delete Thread' })
      .click();
    const confirm = page.getByRole('dialog', { name: 'Delete this thread for good?' });
    await confirm.waitFor();
    await expectNoSeriousA11yViolations(page, 'the Delete confirmation');
    await screenshot(page, 'secure-chat-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete thread' }).click();
    await page.waitForURL(/\/secure-chat$/);
    await expect.poll(() => threads.count()).toBe(1);
    await page.getByText('No thread selected').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows one pane at a time on a 375 px wide phone', async () => {
    const { page, context, problems } = await openPage(browser, { width: 375, height: 740 });
    await page.goto(`${t.url}/matters`);
    await signIn(page, ATTORNEY1, DEMO_PASSWORD);
    await openSecureChatTab(page);
    const threads = page.getByRole('navigation', { name: 'Secure chat threads' });
    await threads.getByRole('link').first().click();
    await page.getByRole('log', { name: 'Messages with Jane Roe' }).waitFor();
    expect(await threads.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'secure-chat-phone');
    await page.getByRole('link', { name: 'Back to threads' }).click();
    await threads.waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('disables the composer live, with the reason, when the client replies STOP, and enables it on START', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, ATTORNEY1, DEMO_PASSWORD);
    await openSecureChatTab(page);
    await page.getByRole('navigation', { name: 'Secure chat threads' }).getByRole('link').first().click();
    await page.waitForURL(/\/secure-chat\/[0-9a-f-]{36}$/);
    const id = /([0-9a-f-]{36})$/.exec(page.url())?.[1] as string;
    const composer = page.getByRole('textbox', { name: 'Message to Jane Roe' });
    await composer.waitFor();
    const api = await t.signIn(ATTORNEY1);
    const thread = (await api.get(`/api/v1/conversations/${id}`)).body;
    const stop = await api.post('/dev/sms/inbound', {
      from: thread.contactPhone,
      to: thread.firmPhone,
      body: 'Stop',
    });
    expect(stop.status).toBe(200);
    const reason = page.getByTestId('opted-out');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(
      /replied STOP on .*; they must text START to receive texts\.$/,
    );
    expect(await composer.isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'an opted-out thread');
    await screenshot(page, 'secure-chat-opted-out');
    await api.post('/dev/sms/inbound', { from: thread.contactPhone, to: thread.firmPhone, body: 'START' });
    await reason.waitFor({ state: 'detached' });
    expect(await composer.isDisabled()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});

/** The firm number a thread texts from, as its API detail says. */
async function firmNumberOf(conversationId: string): Promise<string> {
  const api = await t.signIn(ATTORNEY1);
  const r = await api.get(`/api/v1/conversations/${conversationId}`);
  expect(r.status).toBe(200);
  return r.body.firmPhone;
}
