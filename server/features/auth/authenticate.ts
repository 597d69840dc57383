import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { isApiPath, isPortalPath, isSecureChatLinkPath, needsCsrf } from './policy';
import { csrfRejected, invalidToken } from './problems';
import { resolveApiToken } from './resolve-api-token';
import { constantTimeEqual } from './secrets';
import { loadSession, PORTAL_SESSION_COOKIE, SESSION_COOKIE } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** CSRF token of the session the request came with (cookie sign-in only). */
    sessionCsrfToken?: string;
  }
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Resolves request.actor once per API request: a Bearer API token (staff, no CSRF), else on
 * /api/v1/portal/* the portal cookie (contact), else the staff session cookie. Cookie-signed
 * writes must carry the session's CSRF token (403 csrf), sign-in excepted.
 */
export function authenticate(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionCsrfToken', undefined);

  app.addHook('onRequest', async (request) => {
    if (!isApiPath(request.url) || isSecureChatLinkPath(request.url)) return;
    const bearer = BEARER.exec(request.headers.authorization ?? '');
    if (bearer) {
      const actor = await resolveApiToken(deps, bearer[1] as string);
      if (!actor) throw invalidToken();
      request.actor = actor;
      return;
    }
    const portal = isPortalPath(request.url);
    const cookie = request.cookies[portal ? PORTAL_SESSION_COOKIE : SESSION_COOKIE];
    if (!cookie) return;
    const session = await loadSession(deps, cookie, portal ? 'contact' : 'user');
    if (!session) return;
    if (needsCsrf(request.method, request.routeOptions.url) && !hasCsrfToken(request, session.csrfToken))
      throw csrfRejected();
    request.actor = session.actor;
    request.sessionCsrfToken = session.csrfToken;
  });
}

function hasCsrfToken(request: FastifyRequest, expected: string): boolean {
  const sent = request.headers['x-csrf-token'];
  return typeof sent === 'string' && constantTimeEqual(sent, expected);
}
