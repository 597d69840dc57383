import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { wantsPage } from '../web/pages';
import { sendPage, WEB_DIST } from '../web/routes';
import { devMailOut, devMailQuery } from './schemas';

/**
 * Development only (MAIL_TRANSPORT=dev): read the e-mails Parley sent, as the clients would. GET /dev/mail
 * is the JSON list for API calls and the /dev/mail page (web/dev-mail) for browser navigations. Registered
 * by buildApp only when devRoutesEnabled(config) and the dev mailbox is the transport. The list holds
 * activation links, so it needs a staff sign-in (401) and shows only the mail sent for the user's firm.
 */
export async function mailDevRoutes(app: FastifyInstance, deps: Deps, distDir: string = WEB_DIST) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mail = deps.mail;
  if (mail.name !== 'dev') return;
  // Only for reply.sendFile of the page: the web routes serve every file.
  await app.register(fastifyStatic, { root: distDir, serve: false });

  r.get(
    '/dev/mail',
    {
      schema: {
        tags: ['development'],
        summary: "E-mails the dev mailbox received for the signed-in user's firm, oldest first",
        description: '401 without a staff sign-in.',
        querystring: devMailQuery,
        response: { 200: devMailOut },
      },
    },
    async (request, reply) => {
      if (wantsPage(request.headers.accept)) return sendPage(reply, 'dev-mail/index.html', distDir);
      const actor = requireStaff(request);
      return {
        items: mail.list(actor.firmId, request.query.to || undefined).map((m) => ({
          id: m.id,
          from: m.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: m.messageId,
          at: m.at.toISOString(),
        })),
      };
    },
  );
}
