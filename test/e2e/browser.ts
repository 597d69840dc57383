import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';

/** Debian's Chromium; CI installs it with apt (.ci/run). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOTS = path.resolve('test-results', 'screenshots');

const chromiumMissing = !existsSync(CHROMIUM_PATH);
if (chromiumMissing && !process.env.CI) {
  process.stderr.write(
    `\nBrowser tests SKIPPED: no Chromium at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\`.\n\n`,
  );
}

/**
 * `describe` for browser tests: skipped with a message when Chromium is missing on a developer machine;
 * on CI (CI set) they run anyway, so a missing Chromium fails loudly instead of passing silently.
 */
export const describeInBrowser = chromiumMissing && !process.env.CI ? describe.skip : describe;

/** Starts headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  if (chromiumMissing)
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\``);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A page in a fresh context (own cookies) that records uncaught errors and CSP violations. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'en-US', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      problems.push(`csp: ${message.text()}`);
    }
  });
  return { page, context, problems };
}

/** Every Mantine Loader carries this class: the shared Spinner, and buttons busy with a request. */
const SPINNER = '.mantine-Loader-root';

/**
 * Waits until no spinner is visible, so the page shows what it loaded rather than a loading state. It
 * cannot see a query that has not started yet: wait for the loaded content (a heading, a row, a response)
 * first, then for this.
 */
export async function waitForLoaded(page: Page): Promise<void> {
  await page.locator(`${SPINNER}:visible`).first().waitFor({ state: 'hidden' });
}

/** Saves a full-page screenshot, once loaded, to test-results/screenshots/<name>.png (a CI artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await waitForLoaded(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Runs axe-core on the page once loaded and fails on any serious or critical violation, listing each rule
 * and the elements it found. axe is evaluated over the DevTools protocol, so the page's CSP stays in force.
 */
export async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  await waitForLoaded(page);
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => ({ target: n.target.join(' '), html: n.html, why: n.failureSummary })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe on ${what}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/** Fills the sign-in form (staff or portal) and submits it. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'E-mail', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The page's h1 with this name. */
export function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name });
}
