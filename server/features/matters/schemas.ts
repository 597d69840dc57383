import { z } from 'zod';
import { matterStatus } from '../../../contracts/matters';
import { id, name, uniqueList } from '../../platform/http/fields';
import { pageQuery } from '../../platform/http/pagination';
import { searchQuery, singleLine } from '../../platform/http/text';

/** Path parameters of a matter's contact link. */
export const matterContactParams = z.object({
  id: id.describe('Matter id'),
  contactId: id.describe('Contact id'),
});

export const listMattersQuery = pageQuery.extend({
  q: searchQuery().optional().describe('Part of the number or name'),
  status: matterStatus.optional(),
  ownerId: id.optional(),
  assigneeId: id.optional(),
  contactId: id.optional().describe('Only matters linked to this contact'),
});

export const createMatterBody = z.object({
  number: singleLine().trim().min(1).max(50).describe('Matter number, unique in the firm'),
  name,
  ownerId: id.describe('Responsible attorney'),
  assigneeIds: uniqueList(id, 100).describe('Users working on the matter'),
  contactIds: uniqueList(id, 100).optional().describe('Contacts to link'),
});

export const updateMatterBody = z.object({
  name: name.optional(),
  ownerId: id.optional(),
  assigneeIds: uniqueList(id, 100).optional().describe('Replaces the list'),
  status: matterStatus.optional(),
});

export const linkContactBody = z.object({ contactId: id });

export type CreateMatterBody = z.output<typeof createMatterBody>;

export type UpdateMatterBody = z.output<typeof updateMatterBody>;

export type ListMattersQuery = z.output<typeof listMattersQuery>;
