import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
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

let t: TestApp;
let browser: Browser;

interface Thread {
  id: string;
  matterId: string;
  contactPhone: string;
  firmPhone: string;
  unreadCount: number;
  contact?: { name: string };
}

describeInBrowser('the Inbox, in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists an attorney’s secure chats across matters, a client’s text arrives unread live, and opens in place', async () => {
    const api = await t.signIn(demoLogins.attorney1);
    const matters = (await api.get('/api/v1/matters?limit=50')).body.items as {
      id: string;
      name: string;
      contactIds: string[];
    }[];
    const roe = matters.find((m) => m.name === 'Roe v. Acme Corp.') as (typeof matters)[number];
    const matterName = roe.name;
    const created = await api.post('/api/v1/conversations', {
      kind: 'secure_chat',
      matterId: roe.id,
      contactId: roe.contactIds[0],
      contactPhone: '+12025550143',
    });
    expect(created.status).toBe(201);
    const thread = created.body as Thread;
    const open = (await api.get('/api/v1/conversations?kind=secure_chat&filter=open')).body.items as Thread[];

    const { page, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters`);
    await signIn(page, demoLogins.attorney1, DEMO_PASSWORD);
    await heading(page, 'Matters').waitFor();
    await page.getByRole('link', { name: 'Inbox' }).first().click();
    await heading(page, 'Inbox').waitFor();
    const list = page.getByRole('navigation', { name: 'Secure chat threads' });
    const row = list
      .getByRole('link')
      .filter({ hasText: thread.contact?.name ?? '' })
      .filter({ hasText: matterName });
    await row.first().waitFor();
    // Every thread the attorney may see, from every matter, and nothing that needs a matter to start.
    await expect.poll(() => list.getByRole('link').count()).toBe(open.length);
    expect(await page.getByRole('button', { name: 'Create new' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'the inbox');

    // The client answers by text: the row turns unread without a reload.
    const body = 'Inbox check: I signed the letter this morning.';
    const inbound = await api.post('/dev/sms/inbound', {
      from: thread.contactPhone,
      to: thread.firmPhone,
      body,
    });
    expect(inbound.status).toBeLessThan(300);
    const unreadRow = list.locator(`a[href$="/inbox/${thread.id}"]`);
    await expect.poll(() => unreadRow.getAttribute('data-unread'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => unreadRow.textContent()).toContain('Inbox check');
    await screenshot(page, 'inbox');

    await unreadRow.click();
    await page.waitForURL(`**/inbox/${thread.id}`);
    await page.getByText(body).first().waitFor();
    // Reading it in the Inbox clears it there too.
    await expect.poll(() => unreadRow.getAttribute('data-unread'), { timeout: 15_000 }).toBeNull();
    await page.getByRole('link', { name: matterName }).first().waitFor();
    await expectNoSeriousA11yViolations(page, 'a thread opened from the inbox');
    expect(problems).toEqual([]);
  });

  it('shows a readable empty inbox to a colleague with no secure chats, on a phone', async () => {
    const { page, problems } = await openPage(browser, { width: 390, height: 844 });
    await page.goto(`${t.url}/inbox`);
    await signIn(page, demoLogins.agent1, DEMO_PASSWORD);
    await heading(page, 'Inbox').waitFor();
    await page.getByText('No secure chats yet').waitFor();
    await screenshot(page, 'inbox-empty-phone');
    expect(problems).toEqual([]);
  });
});
