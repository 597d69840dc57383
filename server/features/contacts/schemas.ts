import { z } from 'zod';
import { portalStatus } from '../../../contracts/contacts';
import { email, id, label, name, phoneNumber, uniqueList } from '../../platform/http/fields';
import { pageQuery } from '../../platform/http/pagination';
import { multiLine, searchQuery } from '../../platform/http/text';

const contactEmail = z.object({ address: email, label: label.optional() });

const contactPhone = z.object({ number: phoneNumber, label: label.optional() });

const address = multiLine().trim().max(500).nullable().describe('Postal address, free text');

export const listContactsQuery = pageQuery.extend({
  q: searchQuery().optional().describe('Part of the name, an e-mail address or phone'),
  coordinatorId: id.optional().describe('Only contacts coordinated by this user'),
  portalStatus: portalStatus.optional(),
});

export const createContactBody = z.object({
  name,
  emails: uniqueList(contactEmail, 20, { key: (e) => e.address, field: 'address' }).default([]),
  phones: uniqueList(contactPhone, 20, { key: (p) => p.number, field: 'number' }).default([]),
  address: address.optional(),
  coordinatorId: id.nullable().optional().describe('The staff user who looks after this contact'),
});

export const updateContactBody = z.object({
  name: name.optional(),
  emails: uniqueList(contactEmail, 20, { key: (e) => e.address, field: 'address' })
    .optional()
    .describe('Replaces the list'),
  phones: uniqueList(contactPhone, 20, { key: (p) => p.number, field: 'number' })
    .optional()
    .describe('Replaces the list'),
  address: address.optional(),
  coordinatorId: id.nullable().optional(),
});

export type CreateContactBody = z.output<typeof createContactBody>;

export type UpdateContactBody = z.output<typeof updateContactBody>;

export type ListContactsQuery = z.output<typeof listContactsQuery>;
