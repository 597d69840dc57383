import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../contracts/page';
import {
  billableEventOut,
  timeEntryOut,
  timekeeperOut,
  timekeepersOut,
} from '../../../contracts/time-capture';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { convertBillableEvents } from './convert-billable-events';
import { correctionRoutes } from './correction-routes';
import { exportTimeEntries } from './export-time-entries';
import { listBillableEvents } from './list-billable-events';
import { listTimeEntries } from './list-time-entries';
import { listTimekeepers } from './list-timekeepers';
import { logBillableEvent } from './log-billable-event';
import {
  convertManyBody,
  exportQuery,
  idParams,
  listBillableEventsQuery,
  listTimeEntriesQuery,
  logBillableEventBody,
  setRateBody,
  updateBillableEventBody,
} from './schemas';
import { setTimekeeperRate } from './set-timekeeper-rate';
import { updateBillableEvent } from './update-billable-event';

/** Billable events (captured and logged time), their conversion to time entries, export and rates. */
export async function timeCaptureRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await correctionRoutes(app, deps);

  r.get(
    '/billable-events',
    {
      schema: {
        tags: ['time'],
        summary: 'List billable events: your own, or everyone’s with billing.manage',
        querystring: listBillableEventsQuery,
        response: { 200: pageOf(billableEventOut) },
      },
    },
    async (request) => listBillableEvents(deps, { actor: requireStaff(request), query: request.query }),
  );

  r.post(
    '/billable-events',
    {
      schema: {
        tags: ['time'],
        summary: 'Log a call (start and end) or an e-mail (default duration) as your billable event',
        body: logBillableEventBody,
        response: { 201: billableEventOut },
      },
    },
    async (request, reply) => {
      const event = await logBillableEvent(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        body: request.body,
      });
      return reply.status(201).send(event);
    },
  );

  r.patch(
    '/billable-events/:id',
    {
      schema: {
        tags: ['time'],
        summary: 'Edit duration, description or matter of an open event; dismiss or restore it',
        params: idParams,
        body: updateBillableEventBody,
        response: { 200: billableEventOut },
      },
    },
    async (request) =>
      updateBillableEvent(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        eventId: request.params.id,
        patch: request.body,
      }),
  );

  r.post(
    '/billable-events/:id/convert',
    {
      schema: {
        tags: ['time'],
        summary: 'Convert an event to a time entry (201; 200 with the existing entry if already converted)',
        params: idParams,
        response: { 200: timeEntryOut, 201: timeEntryOut },
      },
    },
    async (request, reply) => {
      const result = await convertBillableEvents(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        ids: [request.params.id],
      });
      const [entry] = result.entries;
      return reply.status(result.created ? 201 : 200).send(entry as (typeof result.entries)[number]);
    },
  );

  r.post(
    '/billable-events/convert',
    {
      schema: {
        tags: ['time'],
        summary: 'Convert several events to time entries, all or none',
        body: convertManyBody,
        response: { 200: z.object({ items: z.array(timeEntryOut) }) },
      },
    },
    async (request) => {
      const result = await convertBillableEvents(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        ids: request.body.ids,
      });
      return { items: result.entries };
    },
  );

  r.get(
    '/time-entries',
    {
      schema: {
        tags: ['time'],
        summary: 'List time entries: your own, or everyone’s with billing.manage',
        querystring: listTimeEntriesQuery,
        response: { 200: pageOf(timeEntryOut) },
      },
    },
    async (request) => listTimeEntries(deps, { actor: requireStaff(request), query: request.query }),
  );

  r.get(
    '/time-entries/export',
    {
      schema: {
        tags: ['time'],
        summary: 'Export time entries of a date range as LEDES 1998B or CSV (audited)',
        querystring: exportQuery,
        response: { 200: z.string().describe('The file') },
      },
    },
    async (request, reply) => {
      const file = await exportTimeEntries(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        query: request.query,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  r.get(
    '/timekeepers',
    {
      schema: {
        tags: ['time'],
        summary: 'Timekeepers with their rates (all with billing.manage, otherwise yourself)',
        response: { 200: timekeepersOut },
      },
    },
    async (request) => listTimekeepers(deps, { actor: requireStaff(request) }),
  );

  r.put(
    '/timekeepers/:id/rate',
    {
      schema: {
        tags: ['time'],
        summary: 'Set a timekeeper’s hourly rate and LEDES classification (billing.manage)',
        params: z.object({ id: z.uuid().describe('User id') }),
        body: setRateBody,
        response: { 200: timekeeperOut },
      },
    },
    async (request) =>
      setTimekeeperRate(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        userId: request.params.id,
        body: request.body,
      }),
  );
}
