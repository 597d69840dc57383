import type { WebsocketPluginOptions } from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps';
import { PORTAL_SESSION_COOKIE, resolveSession, SESSION_COOKIE } from '../features/auth/sessions';
import { publishEvents } from '../platform/bus/in-transaction';
import { requireStaff } from '../platform/http/actor';
import { forbidden, unauthorized } from '../platform/http/problem';
import { createGateway } from './gateway';
import { isAllowedOrigin } from './policy';

/**
 * Options of @fastify/websocket, registered at the root by buildApp so that an upgrade request to
 * any other route is refused cleanly. Clients only answer pings and anything they send is
 * ignored, so a large client frame is never useful.
 */
export const websocketOptions: WebsocketPluginOptions = { options: { maxPayload: 4 * 1024 } };

/**
 * The real-time stream: `GET /stream` (staff) and `GET /portal/stream` (portal contacts) upgrade
 * to a WebSocket after the origin and the session cookie are checked, so a refused upgrade gets a
 * plain 403/401 problem and never a socket.
 */
export async function realtimeRoutes(app: FastifyInstance, deps: Deps) {
  const gateway = createGateway(
    { bus: deps.bus, registry: deps.metrics.registry },
    {
      heartbeatMs: deps.config.REALTIME_HEARTBEAT_MS,
      maxBufferedBytes: deps.config.REALTIME_MAX_BUFFERED_BYTES,
    },
  );
  app.addHook('onClose', async () => gateway.close());

  const authorizeUpgrade = (kind: 'user' | 'contact', cookie: string) => async (request: FastifyRequest) => {
    const sameOrigin = isAllowedOrigin(
      request.headers.origin,
      { protocol: request.protocol, host: request.host },
      deps.config.PUBLIC_URL,
    );
    if (!sameOrigin) throw forbidden('The stream only accepts connections from Parley pages.');
    // The authenticate hook has usually resolved this cookie already; no second lookup then.
    const actor =
      request.actor?.via === 'session' ? request.actor : await resolveSession(deps, request.cookies[cookie]);
    if (actor?.kind !== kind) throw unauthorized();
    request.actor = actor;
  };

  const stream = (route: string, kind: 'user' | 'contact', cookie: string) =>
    app.get(route, { websocket: true, preValidation: authorizeUpgrade(kind, cookie) }, (socket, request) => {
      if (request.actor) gateway.add(socket, request.actor, request.raw.socket);
    });
  stream('/stream', 'user', SESSION_COOKIE);
  stream('/portal/stream', 'contact', PORTAL_SESSION_COOKIE);

  app.withTypeProvider<ZodTypeProvider>().post(
    '/stream/ping',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Connectivity check: sends a `pong` event to the caller’s own streams, on every server',
        response: { 202: z.object({ sent: z.literal(true).describe('The pong event was published') }) },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      await publishEvents(deps, [
        {
          type: 'pong',
          firmId: actor.firmId,
          audience: { userIds: [actor.userId] },
          data: { at: deps.clock().toISOString() },
        },
      ]);
      return reply.status(202).send({ sent: true });
    },
  );
}
