import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { messageOut, readOut } from '../../../contracts/conversations';
import { pageOf } from '../../../contracts/page';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { fastJsonSerializerCompiler } from '../../platform/http/fast-json';
import { addMember } from './add-member';
import { createConversation } from './create-conversation';
import { deleteConversation } from './delete-conversation';
import { getConversation } from './get-conversation';
import { listConversations } from './list-conversations';
import { listMessages } from './list-messages';
import { markConversationRead } from './mark-read';
import { removeMember } from './remove-member';
import {
  addMemberBody,
  conversationParams,
  kindSchemas,
  listMessagesQuery,
  memberParams,
  muteBody,
  readBody,
  sendMessageBody,
} from './schemas';
import { sendMessage } from './send-message';
import { setMute } from './set-mute';

/**
 * Conversations of every kind: list, create, details, delete, messages, read state, members and
 * mute. A conversation the caller may not see answers 404 on every route.
 */
export async function conversationRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { createConversationBody, conversationOut, conversationDetailOut, listConversationsQuery } =
    kindSchemas(deps.conversations.addedKinds);

  r.get(
    '/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Conversations the caller may see, most recently active first',
        querystring: listConversationsQuery,
        response: { 200: pageOf(conversationOut) },
      },
      // The dashboard's list: a page of fifty large items, written by code generated for its schema.
      serializerCompiler: fastJsonSerializerCompiler,
    },
    async (request) =>
      listConversations(deps, { actor: requireStaff(request), ip: request.ip, query: request.query }),
  );

  r.post(
    '/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary:
          'Create a conversation; the body depends on kind (201; 200 with the existing one for an internal chat between the same people)',
        body: createConversationBody,
        response: { 200: conversationDetailOut, 201: conversationDetailOut },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const { conversation, created } = await createConversation(deps, {
        actor,
        ip: request.ip,
        body: request.body,
      });
      return reply.status(created ? 201 : 200).send(conversation);
    },
  );

  r.get(
    '/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'One conversation with its members and what the caller may do',
        params: conversationParams,
        response: { 200: conversationDetailOut },
      },
    },
    async (request) =>
      getConversation(deps, { actor: requireStaff(request), conversationId: request.params.id }),
  );

  r.delete(
    '/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Delete a conversation for good (creator or admin); its key is destroyed',
        params: conversationParams,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteConversation(deps, {
        actor: requireStaff(request),
        conversationId: request.params.id,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Messages, newest first (audited as a read of content)',
        params: conversationParams,
        querystring: listMessagesQuery,
        response: { 200: pageOf(messageOut) },
      },
    },
    async (request) =>
      listMessages(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
        query: request.query,
      }),
  );

  r.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Send a message (201); the same client id again answers the stored message (200)',
        params: conversationParams,
        body: sendMessageBody,
        response: { 200: messageOut, 201: messageOut },
      },
    },
    async (request, reply) => {
      const result = await sendMessage(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
        message: request.body,
      });
      return reply.status(result.created ? 201 : 200).send(result.message);
    },
  );

  r.post(
    '/conversations/:id/read',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Mark the conversation read up to a message',
        params: conversationParams,
        body: readBody,
        response: { 200: readOut },
      },
    },
    async (request) =>
      markConversationRead(deps, {
        actor: requireStaff(request),
        conversationId: request.params.id,
        messageId: request.body.messageId,
      }),
  );

  r.post(
    '/conversations/:id/members',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Add a user or a contact linked to the matter (creator only)',
        params: conversationParams,
        body: addMemberBody,
        response: { 200: conversationDetailOut, 201: conversationDetailOut },
      },
    },
    async (request, reply) => {
      const result = await addMember(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
        userId: request.body.userId,
        contactId: request.body.contactId,
      });
      return reply.status(result.created ? 201 : 200).send(result.conversation);
    },
  );

  r.delete(
    '/conversations/:id/members/:memberId',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Remove a member (creator only)',
        params: memberParams,
        response: { 200: conversationDetailOut },
      },
    },
    async (request) =>
      removeMember(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
        memberId: request.params.memberId,
      }),
  );

  r.put(
    '/conversations/:id/mute',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Mute notifications for oneself, or (creator) for another member',
        params: conversationParams,
        body: muteBody,
        response: { 200: conversationDetailOut },
      },
    },
    async (request) =>
      setMute(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
        muted: request.body.muted,
        memberId: request.body.memberId,
      }),
  );
}
