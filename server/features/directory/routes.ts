import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { requireAdmin, requirePermission, requireStaff } from '../../platform/http/actor';
import { pageOf } from '../../platform/http/pagination';
import { createContact } from './create-contact';
import { createMatter } from './create-matter';
import { createTeam } from './create-team';
import { createUser } from './create-user';
import { getContact } from './get-contact';
import { getMatter } from './get-matter';
import { getTeam } from './get-team';
import { getUser } from './get-user';
import { linkMatterContact } from './link-matter-contact';
import { listContacts } from './list-contacts';
import { listMatters } from './list-matters';
import { listTeams } from './list-teams';
import { listUsers } from './list-users';
import { presentContact, presentMatter, presentTeam, presentUser } from './presenter';
import {
  contactOut,
  createContactBody,
  createMatterBody,
  createTeamBody,
  createUserBody,
  idParams,
  linkContactBody,
  listContactsQuery,
  listMattersQuery,
  listTeamsQuery,
  listUsersQuery,
  matterContactParams,
  matterOut,
  teamMembersBody,
  teamOut,
  updateContactBody,
  updateMatterBody,
  updateUserBody,
  userOut,
} from './schemas';
import { setTeamMembers } from './set-team-members';
import { unlinkMatterContact } from './unlink-matter-contact';
import { updateContact } from './update-contact';
import { updateMatter } from './update-matter';
import { updateUser } from './update-user';

/** Staff users, teams and circles, contacts and matters of the signed-in user's firm. */
export async function directoryRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- users ----

  r.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List staff users (any staff; permissions only for admins and users.manage)',
        querystring: listUsersQuery,
        response: { 200: pageOf(userOut) },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const page = await listUsers(deps, { actor, query: request.query });
      return { items: page.items.map((u) => presentUser(actor, u)), nextCursor: page.nextCursor };
    },
  );

  r.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a staff user (admin or users.manage)',
        body: createUserBody,
        response: { 201: userOut },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'users.manage');
      const user = await createUser(deps, { actor, ip: request.ip, user: request.body });
      return reply.status(201).send(presentUser(actor, user));
    },
  );

  r.get(
    '/users/:id',
    {
      schema: { tags: ['users'], summary: 'Get a staff user', params: idParams, response: { 200: userOut } },
    },
    async (request) => {
      const actor = requireStaff(request);
      return presentUser(actor, await getUser(deps, { actor, userId: request.params.id }));
    },
  );

  r.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a staff user (admin); deactivation ends their sessions',
        params: idParams,
        body: updateUserBody,
        response: { 200: userOut },
      },
    },
    async (request) => {
      const actor = requireAdmin(request);
      const user = await updateUser(deps, {
        actor,
        ip: request.ip,
        userId: request.params.id,
        patch: request.body,
      });
      return presentUser(actor, user);
    },
  );

  // ---- teams and circles ----

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
      const actor = requirePermission(request, 'settings.manage');
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
      const actor = requirePermission(request, 'settings.manage');
      const team = await setTeamMembers(deps, {
        actor,
        ip: request.ip,
        teamId: request.params.id,
        userIds: request.body.userIds,
      });
      return presentTeam(team.row, team.memberIds);
    },
  );

  // ---- contacts ----

  r.get(
    '/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'List contacts',
        querystring: listContactsQuery,
        response: { 200: pageOf(contactOut) },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const page = await listContacts(deps, { actor, query: request.query });
      return { items: page.items.map(presentContact), nextCursor: page.nextCursor };
    },
  );

  r.post(
    '/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Create a contact; phones in any common format are stored as E.164',
        body: createContactBody,
        response: { 201: contactOut },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const contact = await createContact(deps, { actor, ip: request.ip, contact: request.body });
      return reply.status(201).send(presentContact(contact));
    },
  );

  r.get(
    '/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Get a contact',
        params: idParams,
        response: { 200: contactOut },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      return presentContact(await getContact(deps, { actor, contactId: request.params.id }));
    },
  );

  r.patch(
    '/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Change a contact; phones and emails, when given, replace the lists',
        params: idParams,
        body: updateContactBody,
        response: { 200: contactOut },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const contact = await updateContact(deps, {
        actor,
        ip: request.ip,
        contactId: request.params.id,
        patch: request.body,
      });
      return presentContact(contact);
    },
  );

  // ---- matters ----

  r.get(
    '/matters',
    {
      schema: {
        tags: ['matters'],
        summary: 'List the matters the caller may see',
        querystring: listMattersQuery,
        response: { 200: pageOf(matterOut) },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const page = await listMatters(deps, { actor, query: request.query });
      return { items: page.items.map((m) => presentMatter(actor, m)), nextCursor: page.nextCursor };
    },
  );

  r.post(
    '/matters',
    {
      schema: {
        tags: ['matters'],
        summary: 'Open a matter',
        body: createMatterBody,
        response: { 201: matterOut },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const m = await createMatter(deps, { actor, ip: request.ip, matter: request.body });
      return reply.status(201).send(presentMatter(actor, m.view, m.contacts));
    },
  );

  r.get(
    '/matters/:id',
    {
      schema: {
        tags: ['matters'],
        summary: 'Get a matter with its linked contacts (404 unless the caller may see it)',
        params: idParams,
        response: { 200: matterOut },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const m = await getMatter(deps, { actor, matterId: request.params.id });
      return presentMatter(actor, m.view, m.contacts);
    },
  );

  r.patch(
    '/matters/:id',
    {
      schema: {
        tags: ['matters'],
        summary: 'Rename, reassign, close or reopen a matter (owner or admin)',
        params: idParams,
        body: updateMatterBody,
        response: { 200: matterOut },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const m = await updateMatter(deps, {
        actor,
        ip: request.ip,
        matterId: request.params.id,
        patch: request.body,
      });
      return presentMatter(actor, m.view, m.contacts);
    },
  );

  r.post(
    '/matters/:id/contacts',
    {
      schema: {
        tags: ['matters'],
        summary: 'Link a contact to a matter (201 when new, 200 when already linked)',
        params: idParams,
        body: linkContactBody,
        response: { 200: matterOut, 201: matterOut },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const m = await linkMatterContact(deps, {
        actor,
        ip: request.ip,
        matterId: request.params.id,
        contactId: request.body.contactId,
      });
      return reply.status(m.created ? 201 : 200).send(presentMatter(actor, m.view, m.contacts));
    },
  );

  r.delete(
    '/matters/:id/contacts/:contactId',
    {
      schema: {
        tags: ['matters'],
        summary: 'Unlink a contact from a matter',
        params: matterContactParams,
        response: { 204: z.null().describe('Unlinked') },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      await unlinkMatterContact(deps, {
        actor,
        ip: request.ip,
        matterId: request.params.id,
        contactId: request.params.contactId,
      });
      return reply.status(204).send(null);
    },
  );
}
