import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * A Prometheus registry per app instance (tests run several apps in one process). statementsSent is
 * the database's running count of statements, read at each scrape.
 */
export function createMetrics(statementsSent: () => number) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  const httpDuration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const loginFailures = new Counter({
    name: 'parley_login_failures_total',
    help: 'Failed staff and portal sign-ins',
    registers: [registry],
  });
  let reported = 0;
  new Counter({
    name: 'parley_db_statements_total',
    help: 'SQL statements sent to the database (on PostgreSQL, BEGIN and COMMIT too)',
    registers: [registry],
    collect() {
      const sent = statementsSent();
      this.inc(sent - reported);
      reported = sent;
    },
  });
  return { registry, httpDuration, loginFailures };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Times every request by its route template (never the raw URL, which may hold ids). */
export function instrument(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
