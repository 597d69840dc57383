import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOut } from '../../../contracts/users';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { idParams } from '../../platform/http/fields';
import { pageOf } from '../../platform/http/pagination';
import { createUser } from './create-user';
import { getUser } from './get-user';
import { listUsers } from './list-users';
import { presentUser } from './presenter';
import { createUserBody, listUsersQuery, updateUserBody } from './schemas';
import { updateUser } from './update-user';

/** Staff users of the signed-in user's firm. */
export async function userRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List staff users (any staff; permissions only for admins and users.manage)',
        querystring: listUsersQuery,
        response: { 200: pageOf(userOut) },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const page = await listUsers(deps, { actor, query: request.query });
      return { items: page.items.map((u) => presentUser(actor, u)), nextCursor: page.nextCursor };
    },
  );

  r.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a staff user (admin or users.manage)',
        body: createUserBody,
        response: { 201: userOut },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const user = await createUser(deps, { actor, ip: request.ip, user: request.body });
      return reply.status(201).send(presentUser(actor, user));
    },
  );

  r.get(
    '/users/:id',
    {
      schema: { tags: ['users'], summary: 'Get a staff user', params: idParams, response: { 200: userOut } },
    },
    async (request) => {
      const actor = requireStaff(request);
      return presentUser(actor, await getUser(deps, { actor, userId: request.params.id }));
    },
  );

  r.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a staff user (admin); deactivation ends their sessions',
        params: idParams,
        body: updateUserBody,
        response: { 200: userOut },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const user = await updateUser(deps, {
        actor,
        ip: request.ip,
        userId: request.params.id,
        patch: request.body,
      });
      return presentUser(actor, user);
    },
  );
}
