import type { Team } from '../../../contracts/teams';
import type { teams } from '../../platform/db/schema';

/** A team or circle with its member ids. */
export function presentTeam(row: typeof teams.$inferSelect, memberIds: string[]): Team {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Team['kind'],
    memberIds,
    createdAt: row.createdAt.toISOString(),
  };
}
