/** The built page (relative to dist/web) a browser navigation to `pathname` gets. */
export type WebPage =
  | 'staff/index.html'
  | 'portal/index.html'
  | 'dev-phone/index.html'
  | 'dev-mail/index.html'
  | 'secure-chat/index.html';

// Paths owned by the API, webhooks, development tools, operations and built assets: never an app page.
const NOT_PAGES = /^\/(?:api|webhooks|dev|assets)(?:\/|$)|^\/(?:healthz|readyz|metrics)\/?$/;
const DEV_PHONE = /^\/dev\/phone\/?$/;

/** True when a request is a browser navigation (it accepts HTML), not an API call. */
export function wantsPage(accept: string | undefined): boolean {
  return accept?.includes('text/html') ?? false;
}

/**
 * Which app answers a GET: the portal below /portal, a customer's secure chat below /m/, the staff app elsewhere, and none for reserved paths or
 * for requests that do not accept HTML (a missing file or API call must stay a 404, not become a page).
 * `/dev/phone` (the simulated client phone) is a page only when `devPhone` is on: development routes and
 * the SMS simulator enabled.
 */
export function pageFor(
  pathname: string,
  accept: string | undefined,
  options: { devPhone?: boolean } = {},
): WebPage | null {
  if (!wantsPage(accept)) return null;
  if (DEV_PHONE.test(pathname)) return options.devPhone ? 'dev-phone/index.html' : null;
  if (NOT_PAGES.test(pathname)) return null;
  // A Message Center customer's secure chat link: /m/<token>.
  if (pathname.startsWith('/m/')) return 'secure-chat/index.html';
  return pathname === '/portal' || pathname.startsWith('/portal/') ? 'portal/index.html' : 'staff/index.html';
}
