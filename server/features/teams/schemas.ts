import { z } from 'zod';
import { id, isoTime, name, uniqueList } from '../../platform/http/fields';
import { pageQuery } from '../../platform/http/pagination';
import { searchQuery } from '../../platform/http/text';

export const teamKind = z.enum(['team', 'circle']).describe('team (routing) or circle (addressable group)');

export const listTeamsQuery = pageQuery.extend({
  q: searchQuery().optional().describe('Part of the name'),
  kind: teamKind.optional(),
});

export const createTeamBody = z.object({
  name,
  kind: teamKind,
  memberIds: uniqueList(id, 500).optional().describe('Users to add; each must be a user of the firm'),
});

export const teamMembersBody = z.object({
  userIds: uniqueList(id, 500).describe('The complete new member list'),
});

export const teamOut = z.object({
  id,
  name: z.string(),
  kind: teamKind,
  memberIds: z.array(id),
  createdAt: isoTime,
});

export type CreateTeamBody = z.output<typeof createTeamBody>;

export type ListTeamsQuery = z.output<typeof listTeamsQuery>;
