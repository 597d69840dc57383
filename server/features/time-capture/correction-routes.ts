import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conversionPreviewOut, timeEntryOut } from '../../../contracts/time-capture';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { deleteTimeEntry } from './delete-time-entry';
import { previewConversion } from './preview-conversion';
import { convertManyBody, timeEntryParams, updateTimeEntryBody } from './schemas';
import { updateTimeEntry } from './update-time-entry';

/** Reviewing before billing: the preview of a conversion, and changes to time entries until exported. */
export async function correctionRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/billable-events/convert/preview',
    {
      schema: {
        tags: ['time'],
        summary: 'What converting these events would bill (increment, rate, amount), changing nothing',
        body: convertManyBody,
        response: { 200: conversionPreviewOut },
      },
    },
    async (request) => previewConversion(deps, { actor: requireStaff(request), ids: request.body.ids }),
  );

  r.patch(
    '/time-entries/:id',
    {
      schema: {
        tags: ['time'],
        summary: 'Correct the time, narrative or date of a time entry (409 once exported)',
        params: timeEntryParams,
        body: updateTimeEntryBody,
        response: { 200: timeEntryOut },
      },
    },
    async (request) =>
      updateTimeEntry(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        entryId: request.params.id,
        patch: request.body,
      }),
  );

  r.delete(
    '/time-entries/:id',
    {
      schema: {
        tags: ['time'],
        summary: 'Delete a time entry and reopen its billable event (409 once exported)',
        params: timeEntryParams,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteTimeEntry(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        entryId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  );
}
