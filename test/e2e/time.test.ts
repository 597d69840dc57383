import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
let roeMatter: string;
let janeContact: string;

describeInBrowser('time capture in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    attorney = await t.signIn('attorney1@demo.parley.test');
    const [matter] = await t.database.query<{ id: string }>(
      "select id from matters where number = '2026-0001'",
    );
    roeMatter = matter?.id as string;
    const [jane] = await t.database.query<{ id: string }>("select id from contacts where name = 'Jane Roe'");
    janeContact = jane?.id as string;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const logCall = (minutesAgo: number, minutes: number, description?: string) => {
    const start = new Date(Date.now() - minutesAgo * 60_000);
    return attorney.post('/api/v1/billable-events', {
      source: 'call',
      matterId: roeMatter,
      startedAt: start.toISOString(),
      endedAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
      ...(description ? { description } : {}),
    });
  };

  it('shows the demo’s logged calls and e-mails, and time entries locked once exported', async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/time`);
    await signIn(page, 'attorney1@demo.parley.test', DEMO_PASSWORD);
    await heading(page, 'Time').waitFor();
    const table = page.getByRole('table');
    await table
      .getByText(/^Call with Jane Roe re Roe v\. Acme Corp\. \(/)
      .first()
      .waitFor();
    await table
      .getByText(/^E-mail to Jane Roe re Roe v\. Acme Corp\. \(/)
      .first()
      .waitFor();
    await expectNoSeriousA11yViolations(page, 'the billable events dashboard with the demo');
    await screenshot(page, 'time-events');

    await page.getByRole('tab', { name: 'Time entries' }).click();
    await page.getByText('Exported', { exact: true }).first().waitFor();
    const editable = page.getByRole('button', { name: /^Edit entry / });
    await editable.first().waitFor();
    await expectNoSeriousA11yViolations(page, 'the time entries tab with the demo');
    await screenshot(page, 'time-entries');

    // Correct an entry that was not exported: 12m 30s bills 0.3 h at $300.
    await editable.first().click();
    await page.getByRole('textbox', { name: 'Time worked' }).fill('12m 30s');
    await page.getByRole('textbox', { name: 'Narrative' }).fill('Call with Jane Roe about the deposition');
    await expectNoSeriousA11yViolations(page, 'the time entry editor');
    await screenshot(page, 'time-entry-editing');
    await page.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Call with Jane Roe about the deposition' });
    await row.getByRole('cell', { name: '0.3 h' }).waitFor();
    await row.getByRole('cell', { name: '$90.00' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('edits a duration typed as 0.3h, and converts after showing the rounding, rate and amount', async () => {
    await t.database.query('delete from time_entries');
    await t.database.query('delete from billable_events');
    expect((await logCall(60, 5)).status).toBe(201);
    expect((await logCall(30, 2, 'Follow-up call with Jane Roe')).status).toBe(201);
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/time`);
    await signIn(page, 'attorney1@demo.parley.test', DEMO_PASSWORD);
    await heading(page, 'Time').waitFor();
    const table = page.getByRole('table');
    await table.getByText('Follow-up call with Jane Roe').waitFor();

    await page.getByRole('button', { name: 'Edit Follow-up call with Jane Roe' }).focus();
    await page.keyboard.press('Enter');
    const duration = page.getByRole('textbox', { name: 'Duration' });
    await duration.fill('soon');
    await page.getByText('Not a duration').waitFor();
    await duration.fill('0.3h');
    await expectNoSeriousA11yViolations(page, 'the dashboard with an inline editor');
    await screenshot(page, 'time-events-editing');
    await page.getByRole('button', { name: 'Save' }).click();
    await table.getByRole('cell', { name: '18 min', exact: true }).waitFor();

    await page.getByRole('checkbox', { name: 'Select all convertible events' }).check();
    await page.getByRole('button', { name: 'Convert 2 selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Convert to time entries' });
    await dialog.getByText('Durations are billed in 6-minute increments (0.1 h)').waitFor();
    // 5 min → 0.1 h and 18 min → 0.3 h at $300: $30 + $90.
    await expect.poll(() => dialog.getByTestId('preview-total-hours').textContent()).toBe('0.4 h');
    expect(await dialog.getByTestId('preview-total-amount').textContent()).toBe('$120.00');
    await expectNoSeriousA11yViolations(page, 'the conversion preview');
    await screenshot(page, 'time-convert-preview');
    expect(await t.database.query('select id from time_entries')).toEqual([]);
    await dialog.getByRole('button', { name: 'Convert 2 events' }).click();
    await page.getByText('2 time entries, 0.4 h in all, created.').waitFor();

    await page.getByRole('tab', { name: 'Time entries' }).click();
    const entries = page.getByRole('table');
    await expect
      .poll(() => entries.getByRole('row').filter({ hasText: 'Total' }).textContent())
      .toContain('$120.00');
    const amounts = await t.database.query<{ amount_cents: number }>(
      'select amount_cents from time_entries order by amount_cents',
    );
    expect(amounts.map((a) => a.amount_cents)).toEqual([30_00, 90_00]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('logs a call with the timer, which keeps running while the user goes elsewhere', async () => {
    await t.database.query('delete from time_entries');
    await t.database.query('delete from billable_events');
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/matters/${roeMatter}`);
    await signIn(page, 'attorney1@demo.parley.test', DEMO_PASSWORD);
    await heading(page, 'Roe v. Acme Corp.').waitFor();
    await page.getByRole('button', { name: 'Log call' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log call' });
    await dialog.getByLabel('Client').waitFor();
    await expectNoSeriousA11yViolations(page, 'the Log call dialog');
    await screenshot(page, 'log-call');
    await dialog.getByRole('button', { name: 'Start timer' }).click();
    const timer = page.getByRole('timer', { name: 'Call timer' });
    await timer.waitFor();

    // Away to the Time page and on to the client's page: the call is still being timed.
    await page.getByRole('link', { name: 'Time' }).first().click();
    await heading(page, 'Time').waitFor();
    await page.goto(`${t.url}/contacts/${janeContact}`);
    await heading(page, 'Jane Roe').waitFor();
    await expect.poll(() => timer.textContent(), { timeout: 15_000 }).toMatch(/^0:0[2-9]$/);
    await expectNoSeriousA11yViolations(page, 'a contact page with a call being timed');
    await screenshot(page, 'contact-call-running');
    await page.getByRole('button', { name: 'Stop call' }).click();
    const ended = page.getByRole('dialog', { name: 'Call ended' });
    await ended.getByTestId('call-duration').waitFor();
    await ended.getByRole('button', { name: 'Log call' }).click();
    await page
      .getByText(/^Call with Jane Roe re Roe v\. Acme Corp\. \(/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Log call' }).waitFor();

    const [event] = await t.database.query<{ source: string; duration_seconds: number; description: string }>(
      'select source, duration_seconds, description from billable_events',
    );
    expect(event?.source).toBe('call');
    expect(event?.duration_seconds).toBeGreaterThanOrEqual(2);
    expect(event?.description).toMatch(/^Call with Jane Roe re Roe v\. Acme Corp\. \(\d{1,2}:\d{2}/);

    // An e-mail from the contact page: the matter is picked among Jane's.
    await page.getByRole('button', { name: 'Log e-mail' }).click();
    const email = page.getByRole('dialog', { name: 'Log e-mail' });
    await email.getByLabel('Matter').waitFor();
    await expectNoSeriousA11yViolations(page, 'the Log e-mail dialog');
    await email.getByRole('button', { name: 'Log e-mail' }).click();
    await page
      .getByText(/^E-mail to Jane Roe re Roe v\. Acme Corp\. \(/)
      .first()
      .waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
