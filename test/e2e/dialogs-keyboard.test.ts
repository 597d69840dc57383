import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/env';
import { describeInBrowser, expectNoSeriousA11yViolations, launchBrowser, openPage, signIn } from './browser';

// Issue 10: every dialog is used from the keyboard alone. It opens from a focused control with Enter,
// is a named dialog that takes the focus, keeps Tab and Shift+Tab inside it however far one goes, closes
// with Escape, and gives the focus back to the control that opened it.

type Role = 'attorney' | 'admin';

interface Dialog {
  name: string;
  role: Role;
  path: (ids: Ids) => string;
  /** The control that opens it, reached and pressed from the keyboard. */
  trigger: (page: Page) => Locator;
  /** The dialog's accessible name. */
  title: string | RegExp;
}

interface Ids {
  roe: string;
  thread: string;
}

const button = (name: string | RegExp) => (page: Page) =>
  page.getByRole('main').getByRole('button', { name }).first();

const DIALOGS: Dialog[] = [
  {
    name: 'new matter',
    role: 'attorney',
    path: () => '/matters',
    trigger: button('New matter'),
    title: 'New matter',
  },
  {
    name: 'new contact',
    role: 'attorney',
    path: () => '/contacts',
    trigger: button('New contact'),
    title: 'New contact',
  },
  {
    name: 'new secure chat thread',
    role: 'attorney',
    path: (ids) => `/matters/${ids.roe}/secure-chat`,
    trigger: button('Create new'),
    title: /secure chat|new thread/i,
  },
  {
    name: 'log a call',
    role: 'attorney',
    path: (ids) => `/matters/${ids.roe}`,
    trigger: button('Log call'),
    title: /call/i,
  },
  {
    name: 'manage members',
    role: 'attorney',
    path: (ids) => `/matters/${ids.roe}/secure-chat/${ids.thread}`,
    trigger: button(/members/i),
    title: /members/i,
  },
  {
    name: 'add user',
    role: 'admin',
    path: () => '/admin/users',
    trigger: button('Add user'),
    title: /user/i,
  },
  {
    name: 'new team or circle',
    role: 'admin',
    path: () => '/admin/teams',
    trigger: button(/^New team/),
    title: /team|circle/i,
  },
  {
    name: 'add a Message Center group',
    role: 'admin',
    path: () => '/settings',
    trigger: button('Add group'),
    title: /group/i,
  },
  {
    name: 'add a campaign',
    role: 'admin',
    path: () => '/settings',
    trigger: button('Add campaign'),
    title: /campaign/i,
  },
  {
    name: 'add a quick reply',
    role: 'admin',
    path: () => '/settings',
    trigger: button('Add quick reply'),
    title: /quick reply/i,
  },
];

const LOGINS: Record<Role, string> = { attorney: demoLogins.attorney1, admin: demoLogins.admin };

let t: TestApp;
let browser: Browser;
let ids: Ids;
const signedIn = new Map<Role, Page>();

async function pageFor(role: Role): Promise<Page> {
  const known = signedIn.get(role);
  if (known) return known;
  const { page } = await openPage(browser);
  await page.goto(`${t.url}/login`);
  await signIn(page, LOGINS[role], DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  signedIn.set(role, page);
  return page;
}

/** Whether the focused element lies inside the open dialog. */
const focusInDialog = (page: Page) =>
  page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));

/** How many controls of the open dialog Tab stops at. */
const tabbableInDialog = (page: Page) =>
  page.evaluate(
    () =>
      [
        ...(document
          .querySelector('[role="dialog"]')
          ?.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]') ?? []),
      ].filter((el) => el.tabIndex >= 0 && !el.hasAttribute('disabled') && el.getClientRects().length > 0)
        .length,
  );

describeInBrowser('dialogs from the keyboard alone, in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const attorney = await t.signIn(demoLogins.attorney1);
    const roe = (await attorney.get('/api/v1/matters?q=Roe')).body.items[0];
    const thread = await attorney.post('/api/v1/conversations', {
      kind: 'secure_chat',
      matterId: roe.id,
      contactId: roe.contactIds[0],
      contactPhone: '+12025550143',
    });
    expect(thread.status).toBe(201);
    ids = { roe: roe.id, thread: thread.body.id };
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const d of DIALOGS) {
    it(`${d.name}: opens with Enter, traps Tab both ways, closes with Escape and hands the focus back`, async () => {
      const page = await pageFor(d.role);
      await page.goto(`${t.url}${d.path(ids)}`);
      const trigger = d.trigger(page);
      await trigger.waitFor();
      await trigger.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: d.title });
      await dialog.waitFor();
      await expect.poll(() => focusInDialog(page)).toBe(true);
      // Once round every control and past the ends, each way.
      const rounds = (await tabbableInDialog(page)) + 2;
      for (let i = 0; i < rounds; i++) {
        await page.keyboard.press('Tab');
        expect(await focusInDialog(page), `focus left the dialog after Tab ${i + 1}`).toBe(true);
      }
      for (let i = 0; i < rounds; i++) {
        await page.keyboard.press('Shift+Tab');
        expect(await focusInDialog(page), `focus left the dialog after Shift+Tab ${i + 1}`).toBe(true);
      }
      await expectNoSeriousA11yViolations(page, `the ${d.name} dialog`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => trigger.evaluate((el) => el === document.activeElement)).toBe(true);
    });
  }
});
