/** The built page (relative to dist/web) a browser navigation to `pathname` gets. */
export type WebPage = 'staff/index.html' | 'portal/index.html';

// Paths owned by the API, webhooks, development tools, operations and built assets: never an app page.
const NOT_PAGES = /^\/(?:api|webhooks|dev|assets)(?:\/|$)|^\/(?:healthz|readyz|metrics)\/?$/;

/**
 * Which app answers a GET: the portal below /portal, the staff app elsewhere, and none for reserved paths or
 * for requests that do not accept HTML (a missing file or API call must stay a 404, not become a page).
 */
export function pageFor(pathname: string, accept: string | undefined): WebPage | null {
  if (NOT_PAGES.test(pathname)) return null;
  if (!accept?.includes('text/html')) return null;
  return pathname === '/portal' || pathname.startsWith('/portal/') ? 'portal/index.html' : 'staff/index.html';
}
