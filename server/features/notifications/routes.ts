import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notificationDetailOut, notificationOut, readAllOut } from '../../../contracts/notifications';
import { pageOf } from '../../../contracts/page';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { getNotification } from './get-notification';
import { listNotifications } from './list-notifications';
import { markAllNotificationsRead, markNotificationRead } from './mark-read';
import { listNotificationsQuery, notificationParams } from './schemas';

/** The in-app Notification Center: each user sees and marks only their own notifications. */
export async function notificationRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The caller's notifications, newest first",
        querystring: listNotificationsQuery,
        response: { 200: pageOf(notificationOut) },
      },
    },
    async (request) => listNotifications(deps, { actor: requireStaff(request), query: request.query }),
  );

  r.get(
    '/notifications/:id',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'One of the caller’s notifications with the text it announces and the client (audited); accessible false once access is lost',
        params: notificationParams,
        response: { 200: notificationDetailOut },
      },
    },
    async (request) =>
      getNotification(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        notificationId: request.params.id,
      }),
  );

  r.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of the caller’s notifications read',
        params: notificationParams,
        response: { 200: notificationOut },
      },
    },
    async (request) =>
      markNotificationRead(deps, { actor: requireStaff(request), notificationId: request.params.id }),
  );

  r.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all of the caller’s notifications read',
        response: { 200: readAllOut },
      },
    },
    async (request) => markAllNotificationsRead(deps, { actor: requireStaff(request) }),
  );
}
