import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transferOut } from '../../../contracts/transfers';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { idParams } from './schemas';
import { transferConversation } from './transfer';
import { answerTransfer, type TransferAnswer } from './transfer-answer';
import { listTransfers } from './transfer-log';
import { transferBody } from './transfer-schemas';

const ANSWERS: Record<TransferAnswer, string> = {
  accept: 'The invited colleague takes over the conversation of a pending warm transfer',
  decline: 'The invited colleague declines a pending warm transfer',
  cancel: 'Who asked (the holder, or a supervisor) withdraws a pending warm transfer',
};

/** Message Center transfers: hand a conversation over, answer a warm transfer, read the transfer log. */
export async function transferRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['message center'];

  r.post(
    '/conversations/:id/transfer',
    {
      schema: {
        tags,
        summary:
          'Transfer a Message Center conversation to an agent or team, warm or cold (holder or supervisor; 409 transfer-pending while a warm transfer awaits an answer)',
        params: idParams,
        body: transferBody,
        response: { 201: transferOut },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await transferConversation(deps, {
          actor: requireStaff(request),
          ip: request.ip,
          conversationId: request.params.id,
          body: request.body,
        }),
      ),
  );

  for (const answer of Object.keys(ANSWERS) as TransferAnswer[])
    r.post(
      `/conversations/:id/transfer/${answer}`,
      {
        schema: {
          tags,
          summary: `${ANSWERS[answer]} (404 when none is pending)`,
          params: idParams,
          response: { 200: transferOut },
        },
      },
      async (request) =>
        answerTransfer(deps, {
          actor: requireStaff(request),
          ip: request.ip,
          conversationId: request.params.id,
          answer,
        }),
    );

  r.get(
    '/conversations/:id/transfers',
    {
      schema: {
        tags,
        summary: 'The transfer log of a Message Center conversation, oldest first',
        params: idParams,
        response: { 200: z.object({ items: z.array(transferOut) }) },
      },
    },
    async (request) =>
      listTransfers(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
      }),
  );
}
