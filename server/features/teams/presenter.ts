import type { z } from 'zod';
import type { teams } from '../../platform/db/schema';
import type { teamKind, teamOut } from './schemas';

/** A team or circle with its member ids. */
export function presentTeam(row: typeof teams.$inferSelect, memberIds: string[]): z.infer<typeof teamOut> {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as z.infer<typeof teamKind>,
    memberIds,
    createdAt: row.createdAt.toISOString(),
  };
}
