import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { conversationDetailOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { conversationParams } from '../conversations/schemas';
import { changeContactPhone } from './change-contact-phone';
import { endSecureChat } from './end-secure-chat';
import { changeContactPhoneBody, textingOut } from './schemas';
import { textingOf } from './texting';

/** Secure chat's own calls; creating a thread is POST /conversations with kind secure_chat. */
export async function secureChatRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/conversations/:id/end',
    {
      schema: {
        tags: ['secure chat'],
        summary:
          'End a secure chat (creator): unlinks it from SMS, keeps the archive, frees a thread slot; 409 already-ended',
        params: conversationParams,
        response: { 200: conversationDetailOut },
      },
    },
    async (request) =>
      endSecureChat(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
      }),
  );

  r.put(
    '/conversations/:id/contact-phone',
    {
      schema: {
        tags: ['secure chat'],
        summary:
          "Move an open thread to another of the contact's phones (creator); audited and shown in the thread; 409 conversation-ended, 422 no-free-number",
        params: conversationParams,
        body: changeContactPhoneBody,
        response: { 200: conversationDetailOut },
      },
    },
    async (request) =>
      changeContactPhone(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
        contactPhone: request.body.contactPhone,
      }),
  );

  r.get(
    '/conversations/:id/texting',
    {
      schema: {
        tags: ['secure chat'],
        summary: "What the caller's next text carries (sender prefix, opt-out footer) and the segment limits",
        params: conversationParams,
        response: { 200: textingOut },
      },
    },
    async (request) => textingOf(deps, { actor: requireStaff(request), conversationId: request.params.id }),
  );
}
