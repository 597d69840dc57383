import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { conversationDetailOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { conversationParams } from '../conversations/schemas';
import { endSecureChat } from './end-secure-chat';

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
}
