import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { timekeeperRates } from '../../platform/db/schema';

/** The current hourly rate in cents of each timekeeper; one without a rate bills at the firm's default rate. */
export async function loadRates(
  ex: Executor,
  firmId: string,
  userIds: readonly string[],
  defaultRateCents: number,
): Promise<(userId: string) => number> {
  const unique = [...new Set(userIds)];
  const rows = unique.length
    ? await ex
        .select({ userId: timekeeperRates.userId, rateCents: timekeeperRates.rateCents })
        .from(timekeeperRates)
        .where(and(eq(timekeeperRates.firmId, firmId), inArray(timekeeperRates.userId, unique)))
    : [];
  const byUser = new Map(rows.map((r) => [r.userId, r.rateCents]));
  return (userId) => byUser.get(userId) ?? defaultRateCents;
}
