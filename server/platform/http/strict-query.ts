import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/**
 * Makes every route of the API contract (each route with a schema that OpenAPI documents) refuse a
 * query parameter it does not declare, with a 400 naming query.<name>. A parameter the route does
 * not know was ignored silently: a client paging with ?cursor= on a route that pages with another
 * parameter read its first page again and again. A route that must take any parameter (a webhook
 * whose URL the provider's console sets) declares a loose object, which is left as it is.
 * Must be called before the routes are registered.
 */
export function refuseUnknownQueryParameters(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { hide?: boolean; querystring?: unknown } | undefined;
    if (!schema || schema.hide) return;
    if (schema.querystring === undefined) schema.querystring = z.strictObject({});
    else if (schema.querystring instanceof z.ZodObject && schema.querystring.def.catchall === undefined)
      schema.querystring = schema.querystring.strict();
  });
}
