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

let t: TestApp;
let browser: Browser;

/** A campaign answered by one of agent1's teams. */
async function agentCampaign(agent: TestClient): Promise<Campaign> {
  const me = await agent.get('/api/v1/me');
  const teams = await agent.get('/api/v1/teams?limit=200');
  const mine = new Set(
    (teams.body.items as { id: string; memberIds: string[] }[])
      .filter((team) => team.memberIds.includes(me.body.user.id))
      .map((team) => team.id),
  );
  const campaigns = await agent.get('/api/v1/campaigns?limit=200');
  const campaign = (campaigns.body.items as Campaign[]).find((c) => mine.has(c.teamId));
  if (!campaign) throw new Error('the demo has no campaign answered by a team of agent1');
  return campaign;
}

/** The simulated phone's texts, newest last. */
async function phoneTexts(reader: TestClient, phone: string): Promise<string[]> {
  const r = await reader.get(`/dev/sms/outbox?to=${encodeURIComponent(phone)}`);
  return (r.body.items as { body: string }[]).map((m) => m.body);
}

/** Waits for a text matching `pattern` on the phone and answers the match. */
async function waitForText(reader: TestClient, phone: string, pattern: RegExp): Promise<RegExpExecArray> {
  let found: RegExpExecArray | null = null;
  await expect
    .poll(
      async () => {
        const texts = await phoneTexts(reader, phone);
        for (const body of texts.reverse()) {
          found = pattern.exec(body);
          if (found) return true;
        }
        return false;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found as unknown as RegExpExecArray;
}

async function agentSignsIn(page: Page): Promise<void> {
  await page.goto(`${t.url}/`);
  await page.waitForURL('**/login');
  await signIn(page, AGENT1, DEMO_PASSWORD);
  await page.waitForURL('**/message-center');
  await heading(page, 'Message Center').waitFor();
  const indicator = page.getByRole('status', { name: /^Live updates/ });
  await expect.poll(() => indicator.getAttribute('data-status')).toBe('connected');
}

describeInBrowser('Message Center secure chat invitation in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the agent claims and invites; the customer verifies a texted code on their phone and both chat live', async () => {
    const staff = await t.signIn(AGENT1);
    const campaign = await agentCampaign(staff);
    const customer = newCustomer();
    const inbound = await staff.post('/dev/sms/inbound', {
      from: customer.e164,
      to: campaign.phone,
      body: 'Can I share my account details privately?',
    });
    expect(inbound.status, JSON.stringify(inbound.body)).toBeLessThan(300);

    const agentSide = await openPage(browser);
    const page = agentSide.page;
    await agentSignsIn(page);
    await page
      .getByRole('table', { name: 'Conversations' })
      .getByRole('button', {
        name: new RegExp(`^Open conversation with ${customer.shown.replace(/\+/g, '\\+')}`),
      })
      .click();
    const pane = page.getByRole('region', { name: 'Conversation' });
    await pane.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => pane.getByTestId('agent').textContent()).toBe('Claimed by you');

    // Invite, after a confirmation.
    await pane.getByRole('button', { name: 'Invite to secure chat' }).click();
    const confirm = page.getByRole('dialog', { name: 'Invite to a secure chat?' });
    await confirm.waitFor();
    await expectNoSeriousA11yViolations(page, 'the secure chat invitation confirmation');
    await confirm.getByRole('button', { name: 'OK, send the link' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => pane.getByTestId('secure-invite-status').textContent()).toContain('invited');
    // Until the customer joins, "Chat with" offers texts only.
    const chatWith = pane.getByRole('combobox', { name: 'Chat with' });
    expect(await chatWith.inputValue()).toBe('sms');

    // The customer opens the texted link on their phone (another browser).
    const link = await waitForText(staff, customer.e164, /(https?:\/\/\S+\/m\/\S+)/);
    const customerSide = await openPage(browser, { width: 390, height: 844 });
    const phone = customerSide.page;
    await phone.goto(link[1] as string);
    await phone.getByRole('heading', { name: /^Secure chat with/ }).waitFor();
    await expectNoSeriousA11yViolations(phone, 'the secure chat code step');
    await screenshot(phone, 'secure-chat-code');
    await phone.getByRole('button', { name: 'Text me a code' }).click();
    const code = await waitForText(staff, customer.e164, /secure chat code is (\d{6})/);
    await phone.getByRole('textbox', { name: /Code from our text/ }).fill(code[1] as string);
    await phone.getByRole('button', { name: 'Open the chat' }).click();
    await phone.getByRole('list', { name: 'Conversation' }).waitFor();
    await expect
      .poll(() =>
        phone
          .getByRole('status')
          .filter({ hasText: /^Connected$/ })
          .count(),
      )
      .toBe(1);
    // The earlier text is there as history.
    await phone.getByText('Can I share my account details privately?').waitFor();

    // The agent sees the customer joined; the composer now writes to the secure chat.
    await expect.poll(() => pane.getByTestId('secure-invite-status').textContent()).toContain('joined');
    await expect.poll(() => chatWith.inputValue()).toBe('secure');
    const textsBefore = (await phoneTexts(staff, customer.e164)).length;
    await pane
      .getByRole('textbox', { name: `Secure message to ${customer.shown}` })
      .fill('Yes: what is the account number?');
    await pane.getByRole('button', { name: 'Send securely' }).click();
    const log = page.getByRole('log', { name: `Messages with ${customer.shown}` });
    const sent = log.getByRole('article').filter({ hasText: 'Yes: what is the account number?' });
    await sent.waitFor();
    expect(await sent.locator('.mc-bubble').getAttribute('data-channel')).toBe('secure');

    // Live on the customer's page, without a reload; the customer answers, live on the agent's.
    await phone.getByText('Yes: what is the account number?').waitFor();
    await phone.getByRole('textbox', { name: 'Your message' }).fill('It is 7731-0042.');
    await phone.getByRole('button', { name: 'Send securely' }).click();
    const answer = log.getByRole('article').filter({ hasText: 'It is 7731-0042.' });
    await answer.waitFor();
    expect(await answer.locator('.mc-bubble').getAttribute('data-channel')).toBe('secure');
    await expectNoSeriousA11yViolations(phone, 'the secure chat');
    await screenshot(phone, 'secure-chat-customer');
    await expectNoSeriousA11yViolations(page, 'a conversation with a secure chat');
    await screenshot(page, 'message-center-secure-chat');

    // Nothing of the secure chat went by text.
    const texts = await phoneTexts(staff, customer.e164);
    expect(texts).toHaveLength(textsBefore);
    expect(texts.join('\n')).not.toContain('account number');

    // The same link in yet another browser is refused.
    const other = await openPage(browser, { width: 390, height: 844 });
    await other.page.goto(link[1] as string);
    await other.page.getByText('This link was already used').waitFor();
    await screenshot(other.page, 'secure-chat-link-used');

    expect(agentSide.problems).toEqual([]);
    expect(customerSide.problems).toEqual([]);
    await other.context.close();
    await customerSide.context.close();
    await agentSide.context.close();
  }, 120_000);
});
