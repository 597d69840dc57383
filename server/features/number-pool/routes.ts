import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { pageOf } from '../../platform/http/pagination';
import { addPoolNumber } from './add-pool-number';
import { listPoolNumbers } from './list-pool-numbers';
import { removePoolNumber } from './remove-pool-number';
import { addPoolNumberBody, poolNumberOut, poolNumberParams } from './schemas';

/** The firm's secure-chat number pool, managed with settings.manage. */
export async function numberPoolRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/secure-chat/numbers',
    {
      schema: {
        tags: ['secure chat'],
        summary: "The firm's secure-chat numbers (settings.manage); the whole pool in one page",
        response: { 200: pageOf(poolNumberOut) },
      },
    },
    async (request) => {
      return { items: await listPoolNumbers(deps, { actor: requireStaff(request) }), nextCursor: null };
    },
  );

  r.post(
    '/secure-chat/numbers',
    {
      schema: {
        tags: ['secure chat'],
        summary: 'Add a number to the pool (settings.manage); 400 unless E.164, 409 number-taken',
        body: addPoolNumberBody,
        response: { 201: poolNumberOut },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const out = await addPoolNumber(deps, { actor, ip: request.ip, ...request.body });
      return reply.status(201).send(out);
    },
  );

  r.delete(
    '/secure-chat/numbers/:number',
    {
      schema: {
        tags: ['secure chat'],
        summary: 'Remove a number from the pool (settings.manage); 409 number-in-use while threads use it',
        params: poolNumberParams,
        response: { 204: z.null().describe('Removed') },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      await removePoolNumber(deps, { actor, ip: request.ip, number: request.params.number });
      return reply.status(204).send(null);
    },
  );
}
