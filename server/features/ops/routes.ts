import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { ping } from '../../platform/db/client';
import { Problem } from '../../platform/http/problem';
import { constantTimeEqual } from '../auth';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Liveness, readiness and Prometheus metrics (outside /api so load balancers reach them plainly). */
export async function opsRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const checks: Record<string, 'ok' | 'down'> = {};
    checks.database = await ping(deps.db).then(
      () => 'ok' as const,
      () => 'down' as const,
    );
    checks.bus = (await deps.bus.isReady()) ? 'ok' : 'down';
    const ready = Object.values(checks).every((c) => c === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks });
  });

  // Metrics name routes, error rates and queue depths: with METRICS_TOKEN set, only its bearer reads them.
  const token = deps.config.METRICS_TOKEN;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token !== undefined) {
      const sent = BEARER.exec(request.headers.authorization ?? '')?.[1];
      if (sent === undefined || !constantTimeEqual(sent, token))
        throw new Problem(
          401,
          'unauthorized',
          'Not authorised',
          'Send Authorization: Bearer <METRICS_TOKEN>.',
          undefined,
          {
            'www-authenticate': 'Bearer realm="metrics"',
          },
        );
    }
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
