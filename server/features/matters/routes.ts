import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { matterOut } from '../../../contracts/matters';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { idParams } from '../../platform/http/fields';
import { pageOf } from '../../platform/http/pagination';
import { createMatter } from './create-matter';
import { getMatter } from './get-matter';
import { linkMatterContact } from './link-matter-contact';
import { listMatters } from './list-matters';
import { presentMatter } from './presenter';
import {
  createMatterBody,
  linkContactBody,
  listMattersQuery,
  matterContactParams,
  updateMatterBody,
} from './schemas';
import { unlinkMatterContact } from './unlink-matter-contact';
import { updateMatter } from './update-matter';

/** Matters of the signed-in user's firm and the contacts linked to them. */
export async function matterRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
