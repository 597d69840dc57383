import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Campaign } from '../../contracts/message-center';
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

const AGENT1 = 'agent1@demo.parley.test';
const AGENT2 = 'agent2@demo.parley.test';

let t: TestApp;
let browser: Browser;

/** A campaign answered by a team of this user. */
async function campaignOf(admin: TestClient, userId: string): Promise<Campaign> {
  const teams = await admin.get('/api/v1/teams?limit=200');
  const mine = new Set(
    (teams.body.items as { id: string; memberIds: string[]; kind: string }[])
      .filter((team) => team.kind === 'team' && team.memberIds.includes(userId))
      .map((team) => team.id),
  );
  const campaigns = await admin.get('/api/v1/campaigns?limit=200');
  const campaign = (campaigns.body.items as Campaign[]).find((c) => mine.has(c.teamId));
  if (!campaign) throw new Error('no campaign for that agent');
  return campaign;
}

function rowOf(page: Page, shown: string) {
  return page
    .getByRole('table', { name: 'Conversations' })
    .getByRole('row')
    .filter({
      has: page.getByRole('button', {
        name: new RegExp(`^Open conversation with ${shown.replace(/\+/g, '\\+')}`),
      }),
    });
}

async function agentPage(email: string): Promise<Page> {
  const { page } = await openPage(browser);
  await page.goto(`${t.url}/`);
  await page.waitForURL('**/login');
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL('**/message-center');
  await heading(page, 'Message Center').waitFor();
  const indicator = page.getByRole('status', { name: /^Live updates/ });
  await expect.poll(() => indicator.getAttribute('data-status')).toBe('connected');
  return page;
}

/** A customer texts agent1's campaign and agent1 claims it (through the API). */
async function claimedByAgent1(): Promise<{ id: string; shown: string }> {
  const admin = await t.signIn('admin@demo.parley.test');
  const agent1 = await t.signIn(AGENT1);
  const me = await agent1.get('/api/v1/me');
  const campaign = await campaignOf(admin, me.body.user.id);
  const customer = newCustomer();
  const inbound = await agent1.post('/dev/sms/inbound', {
    from: customer.e164,
    to: campaign.phone,
    body: 'I need a repair, not a sale',
  });
  expect(inbound.status, JSON.stringify(inbound.body)).toBeLessThan(300);
  const claim = await agent1.post(`/api/v1/conversations/${inbound.body.conversationId}/claim`);
  expect(claim.status, JSON.stringify(claim.body)).toBe(200);
  return { id: inbound.body.conversationId, shown: customer.shown };
}

describeInBrowser('Message Center transfers in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a cold transfer to another team appears in that team’s list live and leaves the agent’s', async () => {
    const { shown } = await claimedByAgent1();
    const page1 = await agentPage(AGENT1);
    const page2 = await agentPage(AGENT2);
    const row1 = rowOf(page1, shown);
    await row1.waitFor();
    expect(await rowOf(page2, shown).count()).toBe(0);

    await row1.getByRole('button', { name: /^Open conversation with/ }).click();
    const pane = page1.getByRole('region', { name: 'Conversation' });
    await pane.getByRole('button', { name: 'Transfer' }).click();
    const dialog = page1.getByRole('dialog', { name: 'Transfer this conversation' });
    await dialog.waitFor();
    await dialog.getByLabel(/^Transfer to/).click();
    await page1.getByRole('option', { name: 'Team Service' }).click();
    await dialog.getByRole('textbox', { name: 'Handoff note' }).fill('A repair: Service should take it');
    await expectNoSeriousA11yViolations(page1, 'the transfer dialog');
    await screenshot(page1, 'message-center-transfer-dialog');
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();

    // Service's agent sees it arrive without a reload; Sales' agent no longer has it.
    const row2 = rowOf(page2, shown);
    await row2.waitFor({ timeout: 15_000 });
    await row1.waitFor({ state: 'detached', timeout: 15_000 });
    await row2.getByRole('button', { name: /^Open conversation with/ }).click();
    const pane2 = page2.getByRole('region', { name: 'Conversation' });
    const note = pane2
      .getByRole('log')
      .getByRole('article')
      .filter({ hasText: 'A repair: Service should take it' });
    await note.waitFor();
    expect(await note.getAttribute('data-side')).toBe('internal');
    await pane2
      .getByRole('list', { name: 'Transfer log' })
      .getByText(/^Cold transfer from .* to Team Service/)
      .waitFor();
    await screenshot(page2, 'message-center-transfer-received');
    await page1.context().close();
    await page2.context().close();
  });

  it('a warm transfer: the colleague is asked, they chat in blue, and the colleague accepts', async () => {
    const { shown } = await claimedByAgent1();
    const agent2 = await (await t.signIn(AGENT2)).get('/api/v1/me');
    const colleague = agent2.body.user.name as string;
    const page1 = await agentPage(AGENT1);
    const page2 = await agentPage(AGENT2);
    await rowOf(page1, shown)
      .getByRole('button', { name: /^Open conversation with/ })
      .click();
    const pane1 = page1.getByRole('region', { name: 'Conversation' });
    await pane1.getByRole('button', { name: 'Transfer' }).click();
    const dialog = page1.getByRole('dialog', { name: 'Transfer this conversation' });
    await dialog.getByText('Warm: ask a colleague first').click();
    await dialog.getByLabel(/^Transfer to/).click();
    await page1.getByRole('option', { name: new RegExp(`^${colleague}`) }).click();
    await dialog.getByRole('textbox', { name: 'Handoff note' }).fill('Can you take this repair?');
    await dialog.getByRole('button', { name: 'Ask to take over' }).click();
    await pane1.getByTestId('pending-transfer').getByText(`Waiting for ${colleague} to answer`).waitFor();

    // The colleague sees it live, with the banner asking them.
    const row2 = rowOf(page2, shown);
    await row2.waitFor({ timeout: 15_000 });
    await row2.getByRole('button', { name: /^Open conversation with/ }).click();
    const pane2 = page2.getByRole('region', { name: 'Conversation' });
    const banner2 = pane2.getByTestId('pending-transfer');
    await banner2.getByText(/asks you to take over this conversation$/).waitFor();
    await banner2.getByRole('textbox', { name: /^Internal message to / }).fill('What model is it?');
    await banner2.getByRole('button', { name: 'Send' }).click();

    // The question reaches the asker live, in blue; they answer the same way.
    const question = pane1.getByRole('log').getByRole('article').filter({ hasText: 'What model is it?' });
    await question.waitFor({ timeout: 15_000 });
    expect(await question.getAttribute('data-side')).toBe('internal');
    await pane1
      .getByTestId('pending-transfer')
      .getByRole('textbox', { name: /^Internal message to / })
      .fill('A 2019 boiler');
    await pane1.getByTestId('pending-transfer').getByRole('button', { name: 'Send' }).click();
    await pane2
      .getByRole('log')
      .getByRole('article')
      .filter({ hasText: 'A 2019 boiler' })
      .waitFor({ timeout: 15_000 });
    await expectNoSeriousA11yViolations(page2, 'a pending warm transfer');
    await screenshot(page2, 'message-center-warm-transfer');

    await banner2.getByRole('button', { name: 'Accept transfer' }).click();
    await expect
      .poll(() => pane2.getByTestId('agent').textContent(), { timeout: 15_000 })
      .toBe('Claimed by you');
    await pane2
      .getByRole('list', { name: 'Transfer log' })
      .getByText(/^Warm transfer .* accepted/)
      .waitFor();
    await page1.context().close();
    await page2.context().close();
  });
});
