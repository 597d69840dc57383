import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/env';
import {
  describeInBrowser,
  expectNoSeriousA11yViolations,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  waitForLoaded,
} from './browser';

// Issue 10: every staff and portal screen, and the development tools, passes axe (no serious or
// critical violation) at desktop width, where its primary action is reached with Tab, and at 390 px,
// where it must not scroll sideways and its primary action must be on screen. One row per screen: who sees it, where it is, what shows it
// is loaded, and its primary action.

type Role = 'signed-out' | 'attorney' | 'admin' | 'agent' | 'portal';

interface Ids {
  roe: string;
  jane: string;
  thread: string;
}

interface Screen {
  name: string;
  role: Role;
  path: (ids: Ids) => string;
  /** Shown once the screen has loaded what it shows. */
  ready: (page: Page) => Locator;
  /** What the screen is for: must be visible and inside 390 px. */
  primary: (page: Page) => Locator;
  /** What Tab must reach at desktop width, when not the primary action (hidden there). */
  keyboard?: (page: Page) => Locator;
  /** Opens the screen from where `path` lands (a menu, a popover, a dialog). */
  open?: (page: Page) => Promise<void>;
}

const h1 = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { level: 1, name });
const button = (name: string | RegExp) => (page: Page) => page.getByRole('button', { name }).first();
const link = (name: string | RegExp) => (page: Page) => page.getByRole('link', { name }).first();

/** Opens the account menu, which at phone width still sits in the header. */
async function accountMenu(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
}

const SCREENS: Screen[] = [
  // Signed out.
  {
    name: 'staff sign-in',
    role: 'signed-out',
    path: () => '/login',
    ready: h1('Sign in to Parley'),
    primary: button('Sign in'),
  },
  {
    name: 'portal sign-in',
    role: 'signed-out',
    path: () => '/portal/login',
    ready: h1('Sign in to your client portal'),
    primary: button('Sign in'),
  },
  {
    name: 'portal activation (a link that no longer works)',
    role: 'signed-out',
    path: () => '/portal/activate?token=not-a-real-token',
    ready: (page) => page.getByRole('heading', { level: 1 }).first(),
    primary: (page) => page.getByRole('button', { name: 'Activate and sign in' }),
  },
  // An attorney's day.
  {
    name: 'matters',
    role: 'attorney',
    path: () => '/matters',
    ready: (page) => page.getByRole('link', { name: 'Roe v. Acme Corp.' }),
    primary: button('New matter'),
  },
  {
    name: 'matter overview',
    role: 'attorney',
    path: (ids) => `/matters/${ids.roe}`,
    ready: h1('Roe v. Acme Corp.'),
    primary: button('Log call'),
  },
  {
    name: 'matter secure chat, thread list',
    role: 'attorney',
    path: (ids) => `/matters/${ids.roe}/secure-chat`,
    ready: (page) => page.getByRole('navigation', { name: 'Secure chat threads' }).getByRole('link').first(),
    primary: button('Create new'),
  },
  {
    name: 'secure chat thread',
    role: 'attorney',
    path: (ids) => `/matters/${ids.roe}/secure-chat/${ids.thread}`,
    ready: (page) => page.getByRole('log', { name: 'Messages with Jane Roe' }),
    primary: (page) => page.getByRole('textbox', { name: 'Message to Jane Roe' }),
  },
  {
    name: 'contacts',
    role: 'attorney',
    path: () => '/contacts',
    ready: link('Jane Roe'),
    primary: button('New contact'),
  },
  {
    name: 'contact overview',
    role: 'attorney',
    path: (ids) => `/contacts/${ids.jane}`,
    ready: h1('Jane Roe'),
    primary: button('Log call'),
  },
  {
    name: 'contact secure chat',
    role: 'attorney',
    path: (ids) => `/contacts/${ids.jane}/secure-chat`,
    ready: (page) => page.getByRole('navigation', { name: 'Secure chat threads' }).getByRole('link').first(),
    primary: button('Create new'),
  },
  {
    name: 'time, billable events',
    role: 'attorney',
    path: () => '/time',
    ready: (page) => page.getByRole('tab', { name: 'Billable events' }),
    primary: button(/^Convert/),
  },
  {
    name: 'time, time entries',
    role: 'attorney',
    path: () => '/time',
    open: async (page) => {
      await page.getByRole('tab', { name: 'Time entries' }).click();
    },
    ready: (page) => page.getByRole('tabpanel', { name: 'Time entries' }),
    primary: (page) => page.getByRole('tabpanel', { name: 'Time entries' }).getByRole('button').first(),
  },
  {
    name: 'notifications',
    role: 'attorney',
    path: () => '/matters',
    open: async (page) => {
      await page.getByRole('button', { name: /^Notifications/ }).click();
    },
    ready: (page) => page.getByRole('dialog', { name: 'Notifications' }),
    primary: (page) => page.getByRole('dialog', { name: 'Notifications' }).getByRole('button').first(),
  },
  {
    name: 'account: change password',
    role: 'attorney',
    path: () => '/matters',
    open: async (page) => {
      await accountMenu(page);
      await page.getByRole('menuitem', { name: 'Change password' }).click();
    },
    ready: (page) => page.getByRole('dialog', { name: 'Change password' }),
    primary: (page) =>
      page.getByRole('dialog', { name: 'Change password' }).getByRole('button', { name: 'Change password' }),
  },
  {
    name: 'inbox',
    role: 'attorney',
    path: () => '/inbox',
    ready: (page) => page.getByRole('navigation', { name: 'Secure chat threads' }).getByRole('link').first(),
    primary: (page) =>
      page.getByRole('navigation', { name: 'Secure chat threads' }).getByRole('link').first(),
  },
  {
    name: 'page not found',
    role: 'attorney',
    path: () => '/no-such-page',
    ready: h1('Page not found'),
    primary: link(/./),
  },
  {
    name: 'simulated phone (development)',
    role: 'attorney',
    path: () => '/dev/phone',
    ready: h1('Simulated phone'),
    primary: button('Send'),
  },
  {
    name: 'dev mailbox (development)',
    role: 'attorney',
    path: () => '/dev/mail',
    ready: h1('Dev mailbox'),
    primary: (page) => page.getByRole('main').getByRole('textbox').first(),
  },
  // An agent.
  {
    name: 'message center',
    role: 'agent',
    path: () => '/message-center',
    ready: h1('Message Center'),
    primary: (page) => page.getByRole('main').getByRole('searchbox').first(),
  },
  // The firm's administrator.
  {
    name: 'admin overview',
    role: 'admin',
    path: () => '/admin',
    ready: h1('Overview'),
    primary: (page) => page.getByRole('main').getByRole('link').first(),
  },
  {
    name: 'admin users',
    role: 'admin',
    path: () => '/admin/users',
    ready: (page) => page.getByRole('main').getByText('Alex Attorney').first(),
    primary: button('Add user'),
  },
  {
    name: 'admin teams and circles',
    role: 'admin',
    path: () => '/admin/teams',
    ready: (page) => page.getByRole('main').getByText('Sales').first(),
    primary: button(/^New team/),
  },
  {
    name: 'settings',
    role: 'admin',
    path: () => '/settings',
    ready: (page) => page.getByRole('region', { name: 'Time zone' }),
    primary: button('Save time zone'),
  },
  // A client in the portal.
  {
    name: 'portal messages',
    role: 'portal',
    path: () => '/portal/messages',
    ready: h1('Messages'),
    // The portal's pages only read; at phone width the way on is the navigation drawer.
    primary: button('Open navigation'),
    keyboard: (page) => page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').last(),
  },
  {
    name: 'portal status',
    role: 'portal',
    path: () => '/portal/status',
    ready: h1('Status'),
    // The portal's pages only read; at phone width the way on is the navigation drawer.
    primary: button('Open navigation'),
    keyboard: (page) => page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').last(),
  },
];

const SIGN_IN: Record<Exclude<Role, 'signed-out'>, { path: string; email: string; landed: RegExp }> = {
  attorney: { path: '/login', email: demoLogins.attorney1, landed: /\/(matters|$)/ },
  admin: { path: '/login', email: demoLogins.admin, landed: /\/admin/ },
  agent: { path: '/login', email: demoLogins.agent1, landed: /\/(message-center|$)/ },
  portal: { path: '/portal/login', email: demoLogins.portalClient, landed: /\/portal\/messages/ },
};

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let t: TestApp;
let browser: Browser;
let ids: Ids;
const pages = new Map<Role, { page: Page; context: BrowserContext; problems: string[] }>();

/** One signed-in page per role, reused by its screens (sign-in is the slow part). */
async function pageFor(role: Role) {
  const known = pages.get(role);
  if (known) return known;
  const opened = await openPage(browser, DESKTOP);
  if (role !== 'signed-out') {
    const how = SIGN_IN[role];
    await opened.page.goto(`${t.url}${how.path}`);
    await signIn(opened.page, how.email, DEMO_PASSWORD);
    await opened.page.waitForURL((url) => how.landed.test(url.pathname));
    await opened.page.getByRole('heading', { level: 1 }).first().waitFor();
  }
  pages.set(role, opened);
  return opened;
}

/**
 * Whether Tab, pressed from where the screen starts, reaches the element (at most `limit` presses):
 * the screen's primary action is keyboard reachable. A disabled control is not a Tab stop, and counts
 * as reached when it is (it waits for a selection or a change).
 */
async function reachedByTab(page: Page, target: Locator, limit = 80): Promise<boolean> {
  if (await target.isDisabled().catch(() => false)) return true;
  const handle = await target.elementHandle();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      (el) => el !== null && (el === document.activeElement || el.contains(document.activeElement)),
      handle,
    );
    if (focused) return true;
  }
  return false;
}

/** Nothing reaches past the right edge: the page does not scroll sideways. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describeInBrowser('every screen: axe and 390 px wide', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const attorney = await t.signIn(demoLogins.attorney1);
    const roe = (await attorney.get('/api/v1/matters')).body.items.find(
      (m: { name: string }) => m.name === 'Roe v. Acme Corp.',
    );
    const jane = (await attorney.get('/api/v1/contacts?q=Jane%20Roe')).body.items[0];
    const thread = await attorney.post('/api/v1/conversations', {
      kind: 'secure_chat',
      matterId: roe.id,
      contactId: jane.id,
      contactPhone: '+12025550143',
    });
    expect(thread.status, JSON.stringify(thread.body)).toBe(201);
    await attorney.post(`/api/v1/conversations/${thread.body.id}/messages`, {
      body: 'Hello Jane, the hearing is on Friday at 10.',
    });
    ids = { roe: roe.id, jane: jane.id, thread: thread.body.id };
  });
  afterAll(async () => {
    for (const { context } of pages.values()) await context.close();
    await browser?.close();
    await t?.close();
  });

  it.each(SCREENS.map((s) => [s.name, s] as const))('%s', async (_name, screen) => {
    const { page, problems } = await pageFor(screen.role);
    await page.setViewportSize(DESKTOP);
    await page.goto(`${t.url}${screen.path(ids)}`);
    if (screen.open) await screen.open(page);
    await screen.ready(page).waitFor();
    await waitForLoaded(page);
    await expectNoSeriousA11yViolations(page, `${screen.name} at ${DESKTOP.width} px`);
    expect(
      await reachedByTab(page, (screen.keyboard ?? screen.primary)(page)),
      `${screen.name}: primary action reached by Tab`,
    ).toBe(true);

    await page.setViewportSize(PHONE);
    await screen.ready(page).waitFor();
    await waitForLoaded(page);
    await expect
      .poll(() => horizontalOverflow(page), { message: `${screen.name} scrolls sideways` })
      .toBeLessThanOrEqual(0);
    const primary = screen.primary(page);
    await primary.scrollIntoViewIfNeeded();
    expect(await primary.isVisible(), `${screen.name}: primary action visible`).toBe(true);
    const box = await primary.boundingBox();
    expect(box, `${screen.name}: primary action has a box`).not.toBeNull();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect(
      (box?.x ?? 0) + (box?.width ?? 0),
      `${screen.name}: primary action inside 390 px`,
    ).toBeLessThanOrEqual(PHONE.width);
    await expectNoSeriousA11yViolations(page, `${screen.name} at ${PHONE.width} px`);
    await screenshot(page, `screen-390-${screen.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    if (screen.open) await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });

  it('the firm’s time zone, set in Settings, is the one the Time page shows its days and times in', async () => {
    const admin = await pageFor('admin');
    await admin.page.setViewportSize(DESKTOP);
    await admin.page.goto(`${t.url}/settings`);
    const card = admin.page.getByRole('region', { name: 'Time zone' });
    const zone = card.getByLabel('Firm time zone');
    await zone.click();
    await zone.fill('Asia/Tokyo');
    await admin.page.getByRole('option', { name: 'Asia/Tokyo' }).click();
    await card.getByRole('button', { name: 'Save time zone' }).click();
    await expect.poll(() => card.getByTestId('firm-clock').textContent()).toContain('GMT+9');
    await screenshot(admin.page, 'settings-time-zone');
    try {
      const attorney = await pageFor('attorney');
      await attorney.page.setViewportSize(DESKTOP);
      await attorney.page.goto(`${t.url}/time`);
      await expect
        .poll(() => attorney.page.getByTestId('firm-time-zone').textContent())
        .toBe('Days and times are the firm’s: Asia/Tokyo (GMT+9).');
      await waitForLoaded(attorney.page);
      await screenshot(attorney.page, 'time-in-firm-zone');
    } finally {
      const api = await t.signIn(demoLogins.admin);
      await api.put('/api/v1/settings', { timeZone: 'America/New_York' });
    }
  });
});
