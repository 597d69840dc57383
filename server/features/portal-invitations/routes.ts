import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { portalSessionSchema } from '../../../contracts/auth';
import { invitationOut } from '../../../contracts/portal-invitations';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { sendPortalSignIn } from '../auth';
import { activatePortal } from './activate-portal';
import { inviteContact } from './invite-contact';
import { presentInvitation } from './presenter';
import { activateBody, invitationParams, inviteBody } from './schemas';

/** Staff invite a contact to the client portal; the contact activates it from the e-mailed link. */
export async function portalInvitationRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/contacts/:id/portal-invitation',
    {
      schema: {
        tags: ['contacts'],
        summary: 'E-mail the contact a one-time link to activate its client portal',
        description:
          'The link works once, for 7 days; a new invitation revokes older links. 400 naming body.email when the contact has no such (or no) e-mail address; 409 portal-active when the portal is already active; 409 portal-email-taken when another contact of the firm signs in with the address.',
        params: invitationParams,
        body: inviteBody,
        response: { 201: invitationOut },
      },
    },
    async (request, reply) => {
      const sent = await inviteContact(deps, {
        actor: requireStaff(request),
        contactId: request.params.id,
        email: request.body.email,
        ip: request.ip,
      });
      return reply.status(201).send(presentInvitation(sent));
    },
  );

  r.post(
    '/portal/auth/activate',
    {
      schema: {
        tags: ['portal'],
        summary: 'Activate the client portal with the link from the invitation and sign in',
        description:
          'Sets the portal password and the parley_portal_session cookie. 400 invalid-token for an unknown, used, revoked or expired link (the answer does not say which); 409 portal-email-taken when another contact of the firm signs in with the address.',
        security: [],
        body: activateBody,
        response: { 200: portalSessionSchema },
      },
    },
    async (request, reply) => {
      const result = await activatePortal(deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      return sendPortalSignIn(deps, request, reply, result);
    },
  );
}
