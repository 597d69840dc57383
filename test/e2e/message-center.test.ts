import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Campaign, QuickReply } from '../../contracts/message-center';
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
import { newCustomer } from './customer';

const ADMIN = 'admin@demo.parley.test';
const AGENT1 = 'agent1@demo.parley.test';
const QUICK_TITLE = 'E2E thank you';
const QUICK_BODY = 'Thank you for contacting us. Reply here any time if you need more help.';

let t: TestApp;
let browser: Browser;

/** A campaign answered by agent1's team (Sales in the demo), and its group's quick reply for this test. */
async function salesCampaign(admin: TestClient): Promise<Campaign> {
  const teams = await admin.get('/api/v1/teams?limit=200');
  expect(teams.status).toBe(200);
  const me = await (await t.signIn(AGENT1)).get('/api/v1/me');
  const agentId = me.body.user.id as string;
  const agentTeams = new Set(
    (teams.body.items as { id: string; memberIds: string[] }[])
      .filter((team) => team.memberIds.includes(agentId))
      .map((team) => team.id),
  );
  const campaigns = await admin.get('/api/v1/campaigns?limit=200');
  expect(campaigns.status, JSON.stringify(campaigns.body)).toBe(200);
  const campaign = (campaigns.body.items as Campaign[]).find((c) => agentTeams.has(c.teamId));
  if (!campaign) throw new Error('the demo has no campaign answered by a team of agent1');
  return campaign;
}

async function ensureQuickReply(admin: TestClient, groupId: string): Promise<void> {
  const list = await admin.get(`/api/v1/quick-replies?groupId=${groupId}&limit=200`);
  expect(list.status).toBe(200);
  if ((list.body.items as QuickReply[]).some((r) => r.title === QUICK_TITLE)) return;
  const created = await admin.post('/api/v1/quick-replies', {
    groupId,
    title: QUICK_TITLE,
    body: QUICK_BODY,
  });
  expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
}

/** The dashboard row of a customer, by the button that opens it. */
function rowOf(page: Page, shown: string) {
  return page
    .getByRole('table', { name: 'Conversations' })
    .getByRole('row')
    .filter({
      has: page.getByRole('button', { name: new RegExp(`^Open conversation with ${escapeRegExp(shown)}`) }),
    });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Signs agent1 in; agents land on the Message Center with live updates connected. */
async function agentSignsIn(page: Page): Promise<void> {
  await page.goto(`${t.url}/`);
  await page.waitForURL('**/login');
  await signIn(page, AGENT1, DEMO_PASSWORD);
  await page.waitForURL('**/message-center');
  await heading(page, 'Message Center').waitFor();
  const indicator = page.getByRole('status', { name: /^Live updates/ });
  await expect.poll(() => indicator.getAttribute('data-status')).toBe('connected');
}

describeInBrowser('Message Center in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a customer texts, the agent sees it live, claims, answers with a quick reply and closes it', async () => {
    const admin = await t.signIn(ADMIN);
    const campaign = await salesCampaign(admin);
    await ensureQuickReply(admin, campaign.groupId);
    const customer = newCustomer();

    const { page, context, problems } = await openPage(browser);
    await agentSignsIn(page);
    expect(
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Message Center' })
        .isVisible(),
    ).toBe(true);
    // Open is the default filter and its count is shown.
    const openFilter = page.getByRole('button', { name: /^Open \d+\+? conversations?$/ });
    await openFilter.waitFor();
    expect(await openFilter.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('heading', { name: 'No conversation selected' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the Message Center dashboard');
    await screenshot(page, 'message-center-dashboard');
    // A marker on window survives only if the page is never reloaded.
    await page.evaluate(() => {
      (window as unknown as { noReload: boolean }).noReload = true;
    });

    // The simulated customer texts the campaign number.
    const staff = await t.signIn(AGENT1);
    const inbound = await staff.post('/dev/sms/inbound', {
      from: customer.e164,
      to: campaign.phone,
      body: 'Hi, do you service my area?',
    });
    expect(inbound.status, JSON.stringify(inbound.body)).toBeLessThan(300);

    // It appears without a reload, unclaimed, with the campaign and no agent.
    const row = rowOf(page, customer.shown);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('alert').textContent()).toContain('Not claimed yet');
    expect(await row.textContent()).toContain(campaign.name);
    expect(await row.textContent()).toContain('Unclaimed');
    expect(await row.textContent()).toContain('Hi, do you service my area?');
    const unassigned = page.getByRole('button', { name: /^Unassigned \d+\+? conversations?$/ });
    await unassigned.waitFor();

    // Opening it highlights the row and opens a tab named by the number.
    await row.getByRole('button', { name: /^Open conversation with/ }).click();
    const tab = page.getByRole('tab', { name: customer.shown });
    await tab.waitFor();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await row.getAttribute('data-selected')).not.toBeNull();
    const log = page.getByRole('log', { name: `Messages with ${customer.shown}` });
    await log.getByRole('article').filter({ hasText: 'Hi, do you service my area?' }).waitFor();
    const pane = page.getByRole('region', { name: 'Conversation' });
    expect(await pane.getByTestId('agent').textContent()).toBe('Not claimed yet');
    // Before the claim only internal notes are possible, and the composer says why.
    expect(await pane.getByTestId('public-blocked').textContent()).toMatch(/^Claim the conversation/);
    await expectNoSeriousA11yViolations(page, 'an unclaimed conversation');
    await screenshot(page, 'message-center-unclaimed');

    // A note first: yellow, labelled, never texted.
    await pane.getByRole('textbox', { name: 'Internal note' }).fill('Looks like a new lead.');
    await pane.getByRole('button', { name: 'Add note' }).click();
    const note = log.getByRole('article').filter({ hasText: 'Looks like a new lead.' });
    await note.waitFor();
    expect(await note.getAttribute('data-side')).toBe('note');
    expect(await note.textContent()).toContain('Internal note');

    await pane.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => pane.getByTestId('agent').textContent()).toBe('Claimed by you');
    await expect.poll(() => row.textContent()).toContain('Casey Agent');

    // A quick reply fills the composer; the counter shows characters and texts.
    await pane.getByRole('button', { name: 'Quick replies' }).click();
    await page.getByRole('menuitem', { name: new RegExp(QUICK_TITLE) }).click();
    const composer = pane.getByRole('textbox', { name: `Text to ${customer.shown}` });
    expect(await composer.inputValue()).toBe(QUICK_BODY);
    expect(await pane.getByTestId('segment-counter').textContent()).toBe(
      `${QUICK_BODY.length} characters · 1 text (GSM-7)`,
    );
    await expectNoSeriousA11yViolations(page, 'the composer with a quick reply');
    await screenshot(page, 'message-center-quick-reply');
    await pane.getByRole('button', { name: 'Send text' }).click();
    const sent = log.getByRole('article').filter({ hasText: QUICK_BODY });
    await sent.waitFor();
    expect(await sent.getAttribute('data-side')).toBe('agent');
    expect(await composer.inputValue()).toBe('');

    // The text reaches the customer's phone (the simulator's outbox); the note does not.
    await expect
      .poll(
        async () => {
          const r = await staff.get(`/dev/sms/outbox?to=${encodeURIComponent(customer.e164)}`);
          return (r.body.items as { body: string }[]).map((m) => m.body);
        },
        { timeout: 15_000 },
      )
      .toEqual(expect.arrayContaining([expect.stringContaining(QUICK_BODY)]));
    const outbox = await staff.get(`/dev/sms/outbox?to=${encodeURIComponent(customer.e164)}`);
    expect(JSON.stringify(outbox.body)).not.toContain('Looks like a new lead.');

    // Close: it leaves Open and shows under Closed.
    await pane.getByRole('button', { name: 'Close conversation' }).click();
    const confirm = page.getByRole('dialog', { name: 'Close this conversation?' });
    await confirm.waitFor();
    await expectNoSeriousA11yViolations(page, 'the close confirmation');
    await confirm.getByRole('button', { name: 'Close conversation' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => pane.getByTestId('conversation-status').textContent()).toBe('Closed');
    await row.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Closed( \d+\+? conversations?)?$/ }).click();
    await rowOf(page, customer.shown).waitFor();
    await screenshot(page, 'message-center-closed');

    // Tabs close from the keyboard.
    await tab.focus();
    await page.keyboard.press('Delete');
    await page.getByRole('heading', { name: 'No conversation selected' }).waitFor();

    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('an administrator manages quick replies and campaigns in Settings', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/settings`);
    await signIn(page, ADMIN, DEMO_PASSWORD);
    // Sign-in returns to the page that asked for it.
    await page.waitForURL('**/settings');
    await heading(page, 'Settings').waitFor();
    const campaigns = page.getByRole('region', { name: 'Message Center campaigns' });
    await campaigns.getByRole('table', { name: 'Campaigns' }).waitFor();
    const groups = page.getByRole('region', { name: 'Message Center groups and locations' });
    await groups.getByRole('region').first().waitFor();

    // A quick reply with an empty text is refused, and the error sits under the field.
    const replies = page.getByRole('region', { name: 'Quick replies' });
    await replies.getByRole('button', { name: 'Add quick reply' }).click();
    const dialog = page.getByRole('dialog', { name: 'New quick reply' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Opening hours');
    await dialog.getByRole('button', { name: 'Add quick reply' }).click();
    await expect
      .poll(() => dialog.getByRole('textbox', { name: 'Text', exact: true }).getAttribute('aria-invalid'))
      .toBe('true');
    await expectNoSeriousA11yViolations(page, 'a quick reply form with an error');
    await dialog
      .getByRole('textbox', { name: 'Text', exact: true })
      .fill('We are open Monday to Friday, 9 to 5.');
    await dialog.getByRole('button', { name: 'Add quick reply' }).click();
    await dialog.waitFor({ state: 'detached' });
    await replies.getByText('Opening hours').waitFor();
    await expectNoSeriousA11yViolations(page, 'the Message Center settings');
    await screenshot(page, 'message-center-settings');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('stacks the list and the conversation on a 390 px wide phone', async () => {
    // The test firm's dashboard holds only what the tests text in: a customer writes first.
    const admin = await t.signIn(ADMIN);
    const campaign = await salesCampaign(admin);
    const customer = newCustomer();
    const inbound = await admin.post('/dev/sms/inbound', {
      from: customer.e164,
      to: campaign.phone,
      body: 'Are you open on Saturday?',
    });
    expect(inbound.status, JSON.stringify(inbound.body)).toBe(200);
    const { page, context, problems } = await openPage(browser, { width: 390, height: 844 });
    await agentSignsIn(page);
    const first = rowOf(page, customer.shown).getByRole('button', { name: /^Open conversation with/ });
    await first.waitFor();
    await first.click();
    await page.getByRole('log', { name: /^Messages with/ }).waitFor();
    // Both stay on the page, one under the other, and nothing scrolls the page sideways.
    const table = await page.getByRole('table', { name: 'Conversations' }).boundingBox();
    const pane = await page.getByRole('region', { name: 'Conversation' }).boundingBox();
    expect(table && pane && pane.y >= table.y + table.height - 1).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(page, 'the Message Center on a phone');
    await screenshot(page, 'message-center-phone');
    expect(problems).toEqual([]);
    await context.close();
  });
});
