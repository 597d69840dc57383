import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps';
import { busEvent } from '../platform/bus/events';
import { publishEvents } from '../platform/bus/in-transaction';
import { requireStaff } from '../platform/http/actor';
import { endedStreamSessions } from './ended-sessions';
import { createGateway } from './gateway';
import { createPresence } from './presence';
import { acceptStreamUpgrades } from './upgrade';

/**
 * The real-time stream (`GET /api/v1/stream` for staff, `/api/v1/portal/stream` for portal contacts,
 * upgraded by acceptStreamUpgrades) and its connectivity check.
 */
export async function realtimeRoutes(app: FastifyInstance, deps: Deps) {
  const presence = createPresence(deps);
  const gateway = createGateway(
    {
      presence,
      bus: deps.bus,
      registry: deps.metrics.registry,
      log: deps.log,
      endedSessions: (actors) => endedStreamSessions(deps, actors),
    },
    {
      heartbeatMs: deps.config.REALTIME_HEARTBEAT_MS,
      maxBufferedBytes: deps.config.REALTIME_MAX_BUFFERED_BYTES,
      sessionCheckMs: deps.config.REALTIME_SESSION_CHECK_MS,
    },
  );
  const wss = acceptStreamUpgrades(app, deps, gateway);
  // After the gateway has closed its streams (an earlier preClose hook): their rows go now.
  app.addHook('preClose', () => presence.close());
  // Tests and operators reach the open sockets through the app, as with @fastify/websocket.
  app.decorate('websocketServer', wss);

  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/stream/ping',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Connectivity check: sends a `pong` event to the caller’s own streams, on every server',
        response: { 202: z.object({ sent: z.literal(true).describe('The pong event was published') }) },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      publishEvents(deps, [
        busEvent('pong', actor.firmId, { userIds: [actor.userId] }, { at: deps.clock().toISOString() }),
      ]);
      return reply.status(202).send({ sent: true });
    },
  );
}
