import { and, desc, eq, lt } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { apiTokens } from '../../platform/db/schema';
import { ensureAdmin, type StaffActor } from '../../platform/http/actor';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { presentApiToken } from './presenter';

/** The firm's API tokens (revoked ones included), newest first. */
export async function listApiTokens(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor; limit: number; cursor?: string },
) {
  ensureAdmin(input.actor);
  const [beforeId] = decodeCursor(input.cursor, ['uuid']) ?? [];
  const rows = await deps.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.firmId, input.actor.firmId), beforeId ? lt(apiTokens.id, beforeId) : undefined))
    .orderBy(desc(apiTokens.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit, presentApiToken, (r) => [r.id]);
}
