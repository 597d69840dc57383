import { z } from 'zod';
import { portalStatus } from './contacts';

export const matterStatus = z.enum(['open', 'closed']);

const matterContactOut = z.object({
  id: z.uuid().describe('UUID'),
  name: z.string(),
  portal: z.object({ status: portalStatus }),
});

/** A matter as `GET /api/v1/matters[/:id]` answers, with what the caller may do to it. */
export const matterOut = z.object({
  id: z.uuid().describe('UUID'),
  number: z.string(),
  name: z.string(),
  ownerId: z.uuid().describe('UUID'),
  assigneeIds: z.array(z.uuid().describe('UUID')),
  status: matterStatus,
  contactIds: z.array(z.uuid().describe('UUID')),
  contacts: z.array(matterContactOut).optional().describe('Linked contacts (on the single-matter answers)'),
  abilities: z.object({
    update: z.boolean().describe('May rename, reassign, close'),
    linkContacts: z.boolean().describe('May link and unlink contacts'),
  }),
  createdAt: z.iso.datetime().describe('ISO 8601 UTC time'),
  updatedAt: z.iso.datetime().describe('ISO 8601 UTC time'),
});

/** A matter as the API answers. */
export type Matter = z.output<typeof matterOut>;
