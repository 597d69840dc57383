import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agentListOut, presenceListOut } from '../../../contracts/transfers';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { listAgents, listPresence } from './presence';

/** Who an agent can transfer to or chat with: the firm's agents, and those online now. */
export async function internalChatRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['message center'];
  r.get(
    '/message-center/agents',
    {
      schema: {
        tags,
        summary:
          "The firm's Message Center agents with their teams and whether they are online (agents and supervisors)",
        response: { 200: agentListOut },
      },
    },
    async (request) => listAgents(deps, { actor: requireStaff(request) }),
  );
  r.get(
    '/presence',
    {
      schema: {
        tags,
        summary: "The firm's Message Center agents online now, by name (agents and supervisors)",
        response: { 200: presenceListOut },
      },
    },
    async (request) => listPresence(deps, { actor: requireStaff(request) }),
  );
}
