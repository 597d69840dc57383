import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOut } from '../../../contracts/users';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { idParams } from '../../platform/http/fields';
import { presentUser } from './presenter';
import { resetUserPassword } from './reset-user-password';
import { resetUserTotp } from './reset-user-totp';
import { setUserTimeCapture } from './set-user-time-capture';

const timeCaptureSwitch = z.object({
  enabled: z.boolean().describe("false: this user's texts and e-mails create no billable events"),
});

/** An admin's account actions on a colleague: password and TOTP resets, the time-capture switch. */
export async function userAdminRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: "Give a user a new random password (admin), shown once; ends the user's sessions",
        params: idParams,
        response: {
          200: z.object({ temporaryPassword: z.string().describe('Pass it on; the user should change it') }),
        },
      },
    },
    async (request) =>
      resetUserPassword(deps, { actor: requireStaff(request), ip: request.ip, userId: request.params.id }),
  );

  r.post(
    '/users/:id/reset-totp',
    {
      schema: {
        tags: ['users'],
        summary: "Turn off a user's two-factor sign-in (admin); 409 totp-not-enabled when it is off",
        params: idParams,
        response: { 200: userOut },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      return presentUser(
        actor,
        await resetUserTotp(deps, { actor, ip: request.ip, userId: request.params.id }),
      );
    },
  );

  r.put(
    '/users/:id/time-capture',
    {
      schema: {
        tags: ['users'],
        summary: 'Switch automated time capture on or off for one user (settings.manage)',
        params: idParams,
        body: timeCaptureSwitch,
        response: { 200: timeCaptureSwitch.extend({ userId: z.uuid() }) },
      },
    },
    async (request) =>
      setUserTimeCapture(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        userId: request.params.id,
        enabled: request.body.enabled,
      }),
  );
}
