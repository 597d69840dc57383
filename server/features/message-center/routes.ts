import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conversationDetailOut } from '../../../contracts/conversations';
import {
  campaignOut,
  dashboardCountsOut,
  groupOut,
  locationOut,
  quickReplyOut,
} from '../../../contracts/message-center';
import { pageOf } from '../../../contracts/page';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { claimConversation } from './claim';
import { closeConversation } from './close';
import { dashboardCounts } from './counts';
import {
  countsQuery,
  createCampaignBody,
  createLocationBody,
  createQuickReplyBody,
  groupBody,
  idParams,
  listCampaignsQuery,
  listGroupsQuery,
  listLocationsQuery,
  listQuickRepliesQuery,
  updateCampaignBody,
  updateLocationBody,
  updateQuickReplyBody,
} from './schemas';
import {
  createCampaign,
  createGroup,
  createLocation,
  createQuickReply,
  deleteCampaign,
  deleteGroup,
  deleteLocation,
  deleteQuickReply,
  listCampaigns,
  listGroups,
  listLocations,
  listQuickReplies,
  renameGroup,
  updateCampaign,
  updateLocation,
  updateQuickReply,
} from './setup';

const deleted = { 204: z.null().describe('Deleted') };

/**
 * Message Center setup: groups, locations, campaigns and quick replies. Reading needs
 * message_center.use or settings.manage, changing settings.manage.
 */
export async function messageCenterSetupRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['message center'];

  r.get(
    '/groups',
    {
      schema: { tags, summary: 'Groups', querystring: listGroupsQuery, response: { 200: pageOf(groupOut) } },
    },
    async (request) => listGroups(deps, { actor: requireStaff(request), query: request.query }),
  );
  r.post(
    '/groups',
    { schema: { tags, summary: 'Create a group', body: groupBody, response: { 201: groupOut } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createGroup(deps, { actor: requireStaff(request), name: request.body.name })),
  );
  r.patch(
    '/groups/:id',
    {
      schema: {
        tags,
        summary: 'Rename a group',
        params: idParams,
        body: groupBody.partial(),
        response: { 200: groupOut },
      },
    },
    async (request) =>
      renameGroup(deps, { actor: requireStaff(request), id: request.params.id, name: request.body.name }),
  );
  r.delete(
    '/groups/:id',
    {
      schema: {
        tags,
        summary: 'Delete a group (409 group-in-use while it has locations)',
        params: idParams,
        response: deleted,
      },
    },
    async (request, reply) => {
      await deleteGroup(deps, { actor: requireStaff(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/locations',
    {
      schema: {
        tags,
        summary: 'Locations',
        querystring: listLocationsQuery,
        response: { 200: pageOf(locationOut) },
      },
    },
    async (request) => listLocations(deps, { actor: requireStaff(request), query: request.query }),
  );
  r.post(
    '/locations',
    {
      schema: {
        tags,
        summary: 'Create a location',
        body: createLocationBody,
        response: { 201: locationOut },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createLocation(deps, { actor: requireStaff(request), body: request.body })),
  );
  r.patch(
    '/locations/:id',
    {
      schema: {
        tags,
        summary: 'Rename a location or change its service area',
        params: idParams,
        body: updateLocationBody,
        response: { 200: locationOut },
      },
    },
    async (request) =>
      updateLocation(deps, { actor: requireStaff(request), id: request.params.id, body: request.body }),
  );
  r.delete(
    '/locations/:id',
    {
      schema: {
        tags,
        summary: 'Delete a location (409 location-in-use while it has campaigns)',
        params: idParams,
        response: deleted,
      },
    },
    async (request, reply) => {
      await deleteLocation(deps, { actor: requireStaff(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns',
        querystring: listCampaignsQuery,
        response: { 200: pageOf(campaignOut) },
      },
    },
    async (request) => listCampaigns(deps, { actor: requireStaff(request), query: request.query }),
  );
  r.post(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a campaign on a new firm number (409 number-taken when the number is in use)',
        body: createCampaignBody,
        response: { 201: campaignOut },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createCampaign(deps, { actor: requireStaff(request), ip: request.ip, body: request.body }),
        ),
  );
  r.patch(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Rename a campaign, route it to another team, or change its HELP text',
        params: idParams,
        body: updateCampaignBody,
        response: { 200: campaignOut },
      },
    },
    async (request) =>
      updateCampaign(deps, { actor: requireStaff(request), id: request.params.id, body: request.body }),
  );
  r.delete(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a campaign and release its number (409 campaign-in-use while it has open conversations)',
        params: idParams,
        response: deleted,
      },
    },
    async (request, reply) => {
      await deleteCampaign(deps, { actor: requireStaff(request), ip: request.ip, id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/quick-replies',
    {
      schema: {
        tags,
        summary: 'Quick replies',
        querystring: listQuickRepliesQuery,
        response: { 200: pageOf(quickReplyOut) },
      },
    },
    async (request) => listQuickReplies(deps, { actor: requireStaff(request), query: request.query }),
  );
  r.post(
    '/quick-replies',
    {
      schema: {
        tags,
        summary: 'Create a quick reply',
        body: createQuickReplyBody,
        response: { 201: quickReplyOut },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createQuickReply(deps, { actor: requireStaff(request), body: request.body })),
  );
  r.patch(
    '/quick-replies/:id',
    {
      schema: {
        tags,
        summary: 'Change a quick reply',
        params: idParams,
        body: updateQuickReplyBody,
        response: { 200: quickReplyOut },
      },
    },
    async (request) =>
      updateQuickReply(deps, { actor: requireStaff(request), id: request.params.id, body: request.body }),
  );
  r.delete(
    '/quick-replies/:id',
    { schema: { tags, summary: 'Delete a quick reply', params: idParams, response: deleted } },
    async (request, reply) => {
      await deleteQuickReply(deps, { actor: requireStaff(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}

/** Message Center work on conversations: dashboard counts, claim, close. */
export async function messageCenterRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['message center'];
  const conversationOut = conversationDetailOut;

  r.get(
    '/message-center/counts',
    {
      schema: {
        tags,
        summary:
          'How many conversations each dashboard filter holds for the caller, and their unread messages',
        querystring: countsQuery,
        response: { 200: dashboardCountsOut },
      },
    },
    async (request) => dashboardCounts(deps, { actor: requireStaff(request), teamId: request.query.teamId }),
  );

  r.post(
    '/conversations/:id/claim',
    {
      schema: {
        tags,
        summary:
          'Claim a Message Center conversation (409 claimed, naming the holder, when another agent has it)',
        params: idParams,
        response: { 200: conversationOut },
      },
    },
    async (request) =>
      claimConversation(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
      }),
  );

  r.post(
    '/conversations/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a Message Center conversation (409 conversation-closed when already closed)',
        params: idParams,
        response: { 200: conversationOut },
      },
    },
    async (request) =>
      closeConversation(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
      }),
  );
}
