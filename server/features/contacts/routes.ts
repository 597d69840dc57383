import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contactOut } from '../../../contracts/contacts';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { idParams } from '../../platform/http/fields';
import { pageOf } from '../../platform/http/pagination';
import { createContact } from './create-contact';
import { getContact } from './get-contact';
import { listContacts } from './list-contacts';
import { presentContact } from './presenter';
import { createContactBody, listContactsQuery, updateContactBody } from './schemas';
import { updateContact } from './update-contact';

/** Contacts (clients and other outside parties) of the signed-in user's firm. */
export async function contactRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
}
