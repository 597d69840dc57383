import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { teamOut } from '../../../contracts/teams';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { idParams } from '../../platform/http/fields';
import { pageOf } from '../../platform/http/pagination';
import { createTeam } from './create-team';
import { getTeam } from './get-team';
import { listTeams } from './list-teams';
import { presentTeam } from './presenter';
import { createTeamBody, listTeamsQuery, teamMembersBody } from './schemas';
import { setTeamMembers } from './set-team-members';

/** Teams and circles of the signed-in user's firm. */
export async function teamRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'List teams and circles',
        querystring: listTeamsQuery,
        response: { 200: pageOf(teamOut) },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const page = await listTeams(deps, { actor, query: request.query });
      return { items: page.items.map((t) => presentTeam(t.row, t.memberIds)), nextCursor: page.nextCursor };
    },
  );

  r.post(
    '/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'Create a team or circle (admin or settings.manage)',
        body: createTeamBody,
        response: { 201: teamOut },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const team = await createTeam(deps, { actor, ip: request.ip, team: request.body });
      return reply.status(201).send(presentTeam(team.row, team.memberIds));
    },
  );

  r.get(
    '/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: 'Get a team or circle',
        params: idParams,
        response: { 200: teamOut },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const team = await getTeam(deps, { actor, teamId: request.params.id });
      return presentTeam(team.row, team.memberIds);
    },
  );

  r.put(
    '/teams/:id/members',
    {
      schema: {
        tags: ['teams'],
        summary: "Replace a team's members (admin or settings.manage)",
        params: idParams,
        body: teamMembersBody,
        response: { 200: teamOut },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const team = await setTeamMembers(deps, {
        actor,
        ip: request.ip,
        teamId: request.params.id,
        userIds: request.body.userIds,
      });
      return presentTeam(team.row, team.memberIds);
    },
  );
}
