import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { mcCampaigns, mcGroups, mcLocations, mcQuickReplies, teams } from '../../platform/db/schema';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { notFound } from '../../platform/http/problem';

// Loaders of the setup rows, always scoped by firm; a soft-deleted row is as good as absent here.

export type GroupRow = typeof mcGroups.$inferSelect;
export type LocationRow = typeof mcLocations.$inferSelect;
export type CampaignRow = typeof mcCampaigns.$inferSelect;
export type QuickReplyRow = typeof mcQuickReplies.$inferSelect;

/** The live group, or 404. */
export async function groupOf(ex: Executor, firmId: string, id: string, lock = false): Promise<GroupRow> {
  const q = ex
    .select()
    .from(mcGroups)
    .where(and(eq(mcGroups.firmId, firmId), eq(mcGroups.id, id), isNull(mcGroups.deletedAt)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('group');
  return row;
}

/** The live location, or 404. */
export async function locationOf(
  ex: Executor,
  firmId: string,
  id: string,
  lock = false,
): Promise<LocationRow> {
  const q = ex
    .select()
    .from(mcLocations)
    .where(and(eq(mcLocations.firmId, firmId), eq(mcLocations.id, id), isNull(mcLocations.deletedAt)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('location');
  return row;
}

/** The live campaign, or 404. */
export async function campaignOf(
  ex: Executor,
  firmId: string,
  id: string,
  lock = false,
): Promise<CampaignRow> {
  const q = ex
    .select()
    .from(mcCampaigns)
    .where(and(eq(mcCampaigns.firmId, firmId), eq(mcCampaigns.id, id), isNull(mcCampaigns.deletedAt)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('campaign');
  return row;
}

/** The live quick reply, or 404. */
export async function quickReplyOf(ex: Executor, firmId: string, id: string): Promise<QuickReplyRow> {
  const [row] = await ex
    .select()
    .from(mcQuickReplies)
    .where(
      and(eq(mcQuickReplies.firmId, firmId), eq(mcQuickReplies.id, id), isNull(mcQuickReplies.deletedAt)),
    );
  if (!row) throw notFound('quick reply');
  return row;
}

/** 404 unless the firm has this team (kind team, not a circle). */
export async function requireTeam(ex: Executor, firmId: string, teamId: string): Promise<void> {
  const [row] = await ex
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.firmId, firmId), eq(teams.id, teamId), eq(teams.kind, 'team')));
  if (!row) throw notFound('team');
}

type Listable = typeof mcGroups | typeof mcLocations | typeof mcCampaigns | typeof mcQuickReplies;

/**
 * One page of live setup rows of a table, oldest first (the order they were set up in), with extra
 * conditions (e.g. the parent).
 */
export async function setupPage<T extends Listable, Out>(
  ex: Executor,
  table: T,
  input: { firmId: string; limit: number; cursor?: string; where?: SQL },
  present: (row: T['$inferSelect']) => Out,
) {
  // Ids are UUIDv7, so id order is the order rows were set up in.
  const position = decodeCursor(input.cursor, ['uuid']);
  const rows = (await ex
    .select()
    .from(table as typeof mcGroups)
    .where(
      and(
        eq(table.firmId, input.firmId),
        isNull(table.deletedAt),
        input.where,
        position ? sql`${table.id} > ${position[0]}::uuid` : undefined,
      ),
    )
    .orderBy(asc(table.id))
    .limit(input.limit + 1)) as T['$inferSelect'][];
  return toPage(rows, input.limit, present, (r) => [r.id]);
}
