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

describeInBrowser('time dashboard in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    attorney = await t.signIn('attorney1@demo.parley.test');
    const [matter] = await t.database.query<{ id: string }>(
      "select id from matters where number = '2026-0001'",
    );
    roeMatter = matter?.id as string;
    const admin = await t.signIn('admin@demo.parley.test');
    const [user] = await t.database.query<{ id: string }>(
      "select id from users where email = 'attorney1@demo.parley.test'",
    );
    await admin.put(`/api/v1/timekeepers/${user?.id}/rate`, { rateCents: 300_00, classification: 'PT' });
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

  it('shows captured time live, edits it inline and converts it to time entries with their hours', async () => {
    expect((await logCall(60, 5)).status).toBe(201);
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/time`);
    await signIn(page, 'attorney1@demo.parley.test', DEMO_PASSWORD);
    await heading(page, 'Time').waitFor();
    const table = page.getByRole('table');
    await table.getByText('Call re: Roe v. Acme Corp.').waitFor();
    await expect.poll(() => page.getByTestId('day-total').first().textContent()).toContain('1 event · 5 min');
    const indicator = page.getByRole('status', { name: /^Live updates/ });
    await expect.poll(() => indicator.getAttribute('data-status')).toBe('connected');
    await expectNoSeriousA11yViolations(page, 'the billable events dashboard');
    await screenshot(page, 'time-events');

    // A new event appears without reloading the page.
    expect((await logCall(30, 2, 'Follow-up call with Jane Roe')).status).toBe(201);
    await table.getByText('Follow-up call with Jane Roe').waitFor();
    await expect
      .poll(() => page.getByTestId('day-total').first().textContent())
      .toContain('2 events · 7 min');

    // Inline edit with the keyboard: the duration becomes 30 minutes.
    await page.getByRole('button', { name: 'Edit Follow-up call with Jane Roe' }).focus();
    await page.keyboard.press('Enter');
    const minutes = page.getByRole('textbox', { name: 'Minutes' });
    await minutes.fill('30');
    await expectNoSeriousA11yViolations(page, 'the dashboard with an inline editor');
    await screenshot(page, 'time-events-editing');
    await page.getByRole('button', { name: 'Save' }).click();
    await table.getByRole('cell', { name: '30 min', exact: true }).waitFor();

    // Convert one event from its row, the other by selecting it.
    await page.getByRole('button', { name: 'Convert Call re: Roe v. Acme Corp.' }).click();
    await page.getByText('Time entry of 0.1 h created.').waitFor();
    await page.getByRole('checkbox', { name: 'Select Follow-up call with Jane Roe' }).check();
    await page.getByRole('button', { name: 'Convert 1 selected' }).click();
    await page.getByText('Time entry of 0.5 h created.').waitFor();
    await page.getByText('No billable events here').waitFor();

    await page.getByRole('tab', { name: 'Time entries' }).click();
    const entries = page.getByRole('table');
    await entries.getByRole('cell', { name: 'Follow-up call with Jane Roe' }).waitFor();
    const row = entries.getByRole('row').filter({ hasText: 'Follow-up call with Jane Roe' });
    await row.getByRole('cell', { name: '0.5 h' }).waitFor();
    await row.getByRole('cell', { name: '$150.00' }).waitFor();
    await expect
      .poll(() => entries.getByRole('row').filter({ hasText: 'Total' }).textContent())
      .toContain('0.6 h');
    expect(await page.getByRole('link', { name: 'Export LEDES 1998B' }).getAttribute('href')).toBe(
      '/api/v1/time-entries/export?format=ledes1998b',
    );
    await expectNoSeriousA11yViolations(page, 'the time entries tab');
    await screenshot(page, 'time-entries');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets a billing manager filter by timekeeper and dismiss an event', async () => {
    await logCall(10, 3, 'Call about the deposition');
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${t.url}/time`);
    await signIn(page, 'admin@demo.parley.test', DEMO_PASSWORD);
    await heading(page, 'Time').waitFor();
    const table = page.getByRole('table');
    await table.getByText('Call about the deposition').waitFor();
    expect(await table.getByRole('columnheader', { name: 'Timekeeper' }).isVisible()).toBe(true);
    expect(await table.getByRole('cell', { name: 'Alex Attorney' }).isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'the dashboard of a billing manager');
    await screenshot(page, 'time-events-manager');

    await page.getByRole('button', { name: 'Dismiss Call about the deposition' }).click();
    await page.getByText('No billable events here').waitFor();
    await page.locator('label[for$="-dismissed"]').click();
    await page.getByRole('button', { name: 'Restore Call about the deposition' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
