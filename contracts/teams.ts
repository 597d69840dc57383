import { z } from 'zod';

export const teamKind = z.enum(['team', 'circle']).describe('team (routing) or circle (addressable group)');

/** A team or circle as `GET /api/v1/teams[/:id]` answers. */
export const teamOut = z.object({
  id: z.uuid().describe('UUID'),
  name: z.string(),
  kind: teamKind,
  memberIds: z.array(z.uuid().describe('UUID')),
  createdAt: z.iso.datetime().describe('ISO 8601 UTC time'),
});

/** A team or circle as the API answers. */
export type Team = z.output<typeof teamOut>;
