import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { servedOverHttps } from '../../platform/http/https';
import { DEVICE_COOKIE, deviceCookieOptions } from './device-cookie';
import type { PortalLoginResult } from './portal-login';
import { presentPortalContact } from './presenter';
import { PORTAL_SESSION_COOKIE, sessionCookieOptions } from './sessions';

/**
 * The answer to a portal sign-in, by password or by activation link alike: the session and
 * known-device cookies, and the signed-in contact with its CSRF token.
 */
export function sendPortalSignIn(
  deps: Pick<Deps, 'config'>,
  request: FastifyRequest,
  reply: FastifyReply,
  result: PortalLoginResult,
) {
  const https = servedOverHttps(deps.config, request.protocol);
  reply.setCookie(PORTAL_SESSION_COOKIE, result.sessionCookie, sessionCookieOptions(deps.config, https));
  reply.setCookie(DEVICE_COOKIE.portal, result.deviceCookie, deviceCookieOptions('portal', https));
  return { contact: presentPortalContact(result.contact), csrfToken: result.csrfToken };
}
