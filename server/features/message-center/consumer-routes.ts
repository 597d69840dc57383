import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conversationDetailOut } from '../../../contracts/conversations';
import { placeOut } from '../../../contracts/message-center';
import type { Deps } from '../../deps';
import { placeLabel } from '../../platform/geo/geocoder';
import { requireStaff } from '../../platform/http/actor';
import { updateConsumer } from './consumer';
import { consumerBody, suggestQuery } from './consumer-schemas';
import { ensureWorksConversations } from './policy';
import { idParams } from './schemas';

/** Consumer details of a Message Center conversation, and the address type-ahead they use. */
export async function consumerRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['message center'];

  r.put(
    '/conversations/:id/consumer',
    {
      schema: {
        tags,
        summary:
          'Save the consumer details of a Message Center conversation (kept per customer number; the answer carries consumer and serviceArea)',
        params: idParams,
        body: consumerBody,
        response: { 200: conversationDetailOut },
      },
    },
    async (request) =>
      updateConsumer(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
        body: request.body,
      }),
  );

  r.get(
    '/geocoder/suggest',
    {
      schema: {
        tags,
        summary:
          'Places (US ZIP codes with city, state and centre) for an address being typed: a ZIP code or its start, a city, or "city, ST" at its end',
        querystring: suggestQuery,
        response: { 200: z.object({ items: z.array(placeOut) }) },
      },
    },
    async (request) => {
      ensureWorksConversations(requireStaff(request));
      const places = await deps.geocoder.suggest(request.query.q, request.query.limit);
      return { items: places.map((p) => ({ ...p, label: placeLabel(p) })) };
    },
  );
}
