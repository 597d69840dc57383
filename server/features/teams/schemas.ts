import { z } from 'zod';
import { teamKind } from '../../../contracts/teams';
import { id, name, uniqueList } from '../../platform/http/fields';
import { pageQuery } from '../../platform/http/pagination';
import { searchQuery } from '../../platform/http/text';

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

export type CreateTeamBody = z.output<typeof createTeamBody>;

export type ListTeamsQuery = z.output<typeof listTeamsQuery>;
