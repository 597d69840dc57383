import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiTokenPage,
  createdApiTokenSchema,
  meSchema,
  portalSessionSchema,
  staffSessionSchema,
  totpSetupSchema,
} from '../../../contracts/auth';
import type { Deps } from '../../deps';
import { requireContact, requireStaff, type StaffActor } from '../../platform/http/actor';
import { servedOverHttps } from '../../platform/http/https';
import { pageQuery } from '../../platform/http/pagination';
import { forbidden } from '../../platform/http/problem';
import { changePassword } from './change-password';
import { createApiToken } from './create-api-token';
import { DEVICE_COOKIE, deviceCookieOptions } from './device-cookie';
import { disableTotp } from './disable-totp';
import { enableTotp } from './enable-totp';
import { listApiTokens } from './list-api-tokens';
import { login } from './login';
import { logout } from './logout';
import { currentContact, currentUser } from './me';
import { portalLogin } from './portal-login';
import { sendPortalSignIn } from './portal-sign-in-reply';
import { presentApiToken, presentPortalContact, presentStaffUser } from './presenter';
import { revokeApiToken } from './revoke-api-token';
import {
  apiTokenParams,
  changePasswordBody,
  createApiTokenBody,
  loginBody,
  portalLoginBody,
  totpDisableBody,
  totpEnableBody,
} from './schemas';
import { PORTAL_SESSION_COOKIE, SESSION_COOKIE, sessionCookieOptions } from './sessions';
import { setupTotp } from './setup-totp';

const noContent = z.null().describe('No content.');

/** Passwords and two-factor settings belong to the person at the keyboard, not to an integration's token. */
function requireSessionStaff(
  request: FastifyRequest,
  refusal = 'Sign in with a password to change two-factor settings.',
): StaffActor {
  const actor = requireStaff(request);
  if (actor.via !== 'session') throw forbidden(refusal);
  return actor;
}

/** Staff and portal sign-in, the signed-in identity, two-factor settings and API tokens. */
export async function authRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const https = (request: FastifyRequest) => servedOverHttps(deps.config, request.protocol);
  const clearSession = (reply: FastifyReply, name: string) => reply.clearCookie(name, { path: '/' });

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in as staff',
        description:
          'Sets the parley_session cookie. 401 invalid-credentials (also for unknown e-mails), 401 totp-required, 429 with Retry-After when throttled.',
        security: [],
        body: loginBody,
        response: { 200: staffSessionSchema },
      },
    },
    async (request, reply) => {
      const result = await login(deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        deviceCookie: request.cookies[DEVICE_COOKIE.staff],
      });
      reply.setCookie(
        SESSION_COOKIE,
        result.sessionCookie,
        sessionCookieOptions(deps.config, https(request)),
      );
      reply.setCookie(DEVICE_COOKIE.staff, result.deviceCookie, deviceCookieOptions('staff', https(request)));
      return { user: presentStaffUser(result.user), csrfToken: result.csrfToken };
    },
  );

  r.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out (ends the session server-side)',
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      if (request.actor?.kind === 'user') await logout(deps, { actor: request.actor, ip: request.ip });
      clearSession(reply, SESSION_COOKIE);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in staff user and the CSRF token',
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const user = await currentUser(deps, actor);
      return { user: presentStaffUser(user), csrfToken: request.sessionCsrfToken ?? null };
    },
  );

  r.post(
    '/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password',
        description:
          'Ends every other session of the user (their sockets close with 4001) and keeps this one. 400 naming body.currentPassword when it is wrong; 429 with Retry-After after repeated wrong passwords, like sign-in.',
        body: changePasswordBody,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await changePassword(deps, {
        actor: requireSessionStaff(request, 'Sign in with a password to change it.'),
        ...request.body,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/auth/totp/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start two-factor set-up: a new secret, not yet required at sign-in',
        response: { 200: totpSetupSchema },
      },
    },
    async (request) => setupTotp(deps, { actor: requireSessionStaff(request) }),
  );

  r.post(
    '/auth/totp/enable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Turn two-factor sign-in on with a code from the new secret',
        description: '422 invalid-totp for a wrong code; 409 totp-not-set-up without a set-up.',
        body: totpEnableBody,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await enableTotp(deps, {
        actor: requireSessionStaff(request),
        code: request.body.code,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/auth/totp/disable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Turn two-factor sign-in off (confirm with the password)',
        description: '422 invalid-password for a wrong password; 409 totp-not-enabled.',
        body: totpDisableBody,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await disableTotp(deps, {
        actor: requireSessionStaff(request),
        password: request.body.password,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api-tokens',
    {
      schema: {
        tags: ['auth'],
        summary: "The firm's API tokens (admin)",
        querystring: pageQuery,
        response: { 200: apiTokenPage },
      },
    },
    async (request) => listApiTokens(deps, { actor: requireStaff(request), ...request.query }),
  );

  r.post(
    '/api-tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token (admin); the token is shown only in this answer',
        body: createApiTokenBody,
        response: { 201: createdApiTokenSchema },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(deps, {
        actor: requireStaff(request),
        ...request.body,
        ip: request.ip,
      });
      return reply.status(201).send({ ...presentApiToken(created), token: created.token });
    },
  );

  r.delete(
    '/api-tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token (admin)',
        params: apiTokenParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await revokeApiToken(deps, { actor: requireStaff(request), id: request.params.id, ip: request.ip });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/portal/auth/login',
    {
      schema: {
        tags: ['portal'],
        summary: 'Sign in to the client portal',
        description:
          'Sets the parley_portal_session cookie. 401 invalid-credentials (also for unknown e-mails), 429 with Retry-After when throttled.',
        security: [],
        body: portalLoginBody,
        response: { 200: portalSessionSchema },
      },
    },
    async (request, reply) => {
      const result = await portalLogin(deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        deviceCookie: request.cookies[DEVICE_COOKIE.portal],
      });
      return sendPortalSignIn(deps, request, reply, result);
    },
  );

  r.post(
    '/portal/auth/logout',
    {
      schema: {
        tags: ['portal'],
        summary: 'Sign out of the portal (ends the session server-side)',
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      if (request.actor?.kind === 'contact') await logout(deps, { actor: request.actor, ip: request.ip });
      clearSession(reply, PORTAL_SESSION_COOKIE);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/portal/me',
    {
      schema: {
        tags: ['portal'],
        summary: 'The signed-in contact and the CSRF token',
        response: { 200: portalSessionSchema },
      },
    },
    async (request) => {
      const actor = requireContact(request);
      const contact = await currentContact(deps, actor);
      return { contact: presentPortalContact(contact), csrfToken: request.sessionCsrfToken as string };
    },
  );
}
