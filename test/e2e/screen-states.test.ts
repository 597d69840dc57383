import type { Browser, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/env';
import { type Firm, makeFirm } from '../support/factories';
import { describeInBrowser, launchBrowser, openPage, screenshot, signIn } from './browser';

// Issue 10: every staff screen has a loading state, an error state with a way to try again, and an
// empty state. (The portal's Messages and Status pages read nothing yet: portal messaging is not built.) The data a screen reads is held back or failed at the network, for every API read at once
// (the session and the stream aside), so a screen cannot pass by covering only the query it shows first.

type Role = 'attorney' | 'admin' | 'agent';

interface Screen {
  name: string;
  role: Role;
  path: (ids: { roe: string; jane: string }) => string;
  /** Shown once the screen has what it shows. */
  ready: (page: Page) => Locator;
}

const h1 = (name: string) => (page: Page) => page.getByRole('heading', { level: 1, name });

const SCREENS: Screen[] = [
  {
    name: 'matters',
    role: 'attorney',
    path: () => '/matters',
    ready: (p) => p.getByRole('link', { name: 'Roe v. Acme Corp.' }),
  },
  {
    name: 'matter overview',
    role: 'attorney',
    path: (ids) => `/matters/${ids.roe}`,
    ready: h1('Roe v. Acme Corp.'),
  },
  {
    name: 'matter secure chat',
    role: 'attorney',
    path: (ids) => `/matters/${ids.roe}/secure-chat`,
    ready: (p) => p.getByRole('button', { name: 'Create new' }),
  },
  {
    name: 'contacts',
    role: 'attorney',
    path: () => '/contacts',
    ready: (p) => p.getByRole('link', { name: 'Jane Roe' }),
  },
  {
    name: 'contact overview',
    role: 'attorney',
    path: (ids) => `/contacts/${ids.jane}`,
    ready: h1('Jane Roe'),
  },
  {
    name: 'time',
    role: 'attorney',
    path: () => '/time',
    ready: (p) =>
      p
        .getByRole('tabpanel', { name: 'Billable events' })
        .getByRole('table')
        .or(p.getByRole('heading', { name: 'No billable events here' })),
  },
  {
    name: 'inbox',
    role: 'attorney',
    path: () => '/inbox',
    ready: (p) => p.getByRole('radiogroup', { name: 'Which threads' }),
  },
  {
    name: 'message center',
    role: 'agent',
    path: () => '/message-center',
    ready: (p) =>
      p
        .getByRole('main')
        .getByRole('table')
        .or(p.getByRole('heading', { name: 'Nothing in Open' })),
  },
  {
    name: 'admin overview',
    role: 'admin',
    path: () => '/admin',
    // Each figure reads "…" until its count is in.
    ready: (p) => p.getByRole('main').getByText(/^\d+$/).first(),
  },
  {
    name: 'admin users',
    role: 'admin',
    path: () => '/admin/users',
    ready: (p) => p.getByRole('main').getByText('Alex Attorney').first(),
  },
  {
    name: 'admin teams',
    role: 'admin',
    path: () => '/admin/teams',
    ready: (p) => p.getByRole('main').getByText('Sales').first(),
  },
  {
    name: 'settings',
    role: 'admin',
    path: () => '/settings',
    ready: (p) => p.getByRole('region', { name: 'Time zone' }),
  },
];

const LOGINS: Record<Role, { path: string; email: string }> = {
  attorney: { path: '/login', email: demoLogins.attorney1 },
  admin: { path: '/login', email: demoLogins.admin },
  agent: { path: '/login', email: demoLogins.agent1 },
};

/** The reads a screen's data comes from: every API GET but the session, sign-in and the live stream. */
function isScreenRead(url: string, method: string): boolean {
  const { pathname } = new URL(url);
  if (method !== 'GET' || !pathname.startsWith('/api/v1/')) return false;
  return !/^\/api\/v1\/(me|auth\/.*|stream)$/.test(pathname);
}

let t: TestApp;
let browser: Browser;
let ids: { roe: string; jane: string };
const signedIn = new Map<Role, Page>();

async function pageFor(role: Role): Promise<Page> {
  const known = signedIn.get(role);
  if (known) return known;
  const { page } = await openPage(browser);
  await page.goto(`${t.url}${LOGINS[role].path}`);
  await signIn(page, LOGINS[role].email, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  signedIn.set(role, page);
  return page;
}

const problem = JSON.stringify({
  type: '/problems/internal',
  title: 'Internal Server Error',
  status: 500,
  detail: 'Something went wrong on our side.',
});

describeInBrowser('loading, error and empty states of every screen, in Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const admin = await t.signIn(demoLogins.admin);
    const roe = (await admin.get('/api/v1/matters?q=Roe')).body.items[0];
    const jane = (await admin.get('/api/v1/contacts?q=Jane')).body.items[0];
    ids = { roe: roe.id, jane: jane.id };
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const screen of SCREENS) {
    it(`${screen.name}: says it is loading while its data is on the way, then shows it`, async () => {
      const page = await pageFor(screen.role);
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const hold = async (route: Route) => {
        if (!isScreenRead(route.request().url(), route.request().method())) return route.fallback();
        await gate;
        await route.continue().catch(() => {});
      };
      await page.route('**/api/v1/**', hold);
      try {
        // A fresh document, so nothing is cached from the screen before.
        await page.goto(`${t.url}${screen.path(ids)}`);
        await page
          .getByRole('status')
          .filter({ hasText: /loading/i })
          .first()
          .waitFor();
        expect(await screen.ready(page).isVisible()).toBe(false);
      } finally {
        release();
        await page.unroute('**/api/v1/**', hold);
      }
      await screen.ready(page).waitFor();
    });

    it(`${screen.name}: says why when its data cannot be loaded, and recovers with “Try again”`, async () => {
      const page = await pageFor(screen.role);
      const fail = (route: Route) =>
        isScreenRead(route.request().url(), route.request().method())
          ? route.fulfill({ status: 500, contentType: 'application/problem+json', body: problem })
          : route.fallback();
      await page.route('**/api/v1/**', fail);
      const retry = page.getByRole('alert').getByRole('button', { name: 'Try again' });
      try {
        await page.goto(`${t.url}${screen.path(ids)}`);
        // Failed reads are retried twice (5xx may pass) before the screen gives up and says so.
        await retry.first().waitFor({ timeout: 20_000 });
        expect(await page.getByRole('alert').first().textContent()).toMatch(/could not|went wrong|failed/i);
        await screenshot(page, `state-error-${screen.name.replace(/\s+/g, '-')}`);
      } finally {
        await page.unroute('**/api/v1/**', fail);
      }
      // Every failed part offers its own retry; once the server answers again, each recovers. A part
      // may also recover by itself (a background refetch) between the count and the click: then the
      // click finds nothing to press, and the loop counts again.
      while ((await retry.count()) > 0) {
        await retry
          .first()
          .click({ timeout: 5_000 })
          .catch(async (error: unknown) => {
            if ((await retry.count()) > 0) throw error;
          });
      }
      await screen.ready(page).waitFor();
    });
  }

  it('a firm on its first day: each list says what will appear there and how to start', async () => {
    const firm: Firm = await makeFirm(t);
    const { page } = await openPage(browser);
    await page.goto(`${t.url}/login`);
    await signIn(page, firm.admin.email, firm.admin.password);
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    const empty: [string, string][] = [
      ['/matters', 'No matters yet'],
      ['/contacts', 'No contacts yet'],
      ['/inbox', 'No secure chats yet'],
      ['/time', 'No billable events here'],
      ['/admin/teams', 'No teams or circles yet'],
      ['/message-center', 'Nothing in Open'],
    ];
    for (const [path, title] of empty) {
      await page.goto(`${t.url}${path}`);
      await page
        .getByRole('main')
        .getByRole('heading', { name: new RegExp(title) })
        .first()
        .waitFor();
      await screenshot(page, `state-empty-${path.slice(1).replace(/\//g, '-')}`);
    }
  });
});
