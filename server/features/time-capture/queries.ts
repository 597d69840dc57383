import { and, eq, inArray } from 'drizzle-orm';
import type { Audience } from '../../platform/bus/bus';
import type { Executor } from '../../platform/db/client';
import { billableEvents, matters, type timeEntries, users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { invalidField, notFound, Problem } from '../../platform/http/problem';
import { loadVisibleMatter } from '../matters/access';
import { canManageAllTime, canWorkOnTime } from './policy';

// Loaders shared by the time-capture use cases. Every query takes the firm id first.

export type BillableEventRow = typeof billableEvents.$inferSelect;
export type TimeEntryRow = typeof timeEntries.$inferSelect;

/** A matter as time lists show it. */
export interface MatterRef {
  id: string;
  number: string;
  name: string;
}

/** A timekeeper as time lists show them. */
export interface UserRef {
  id: string;
  name: string;
}

/** Names of the matters and timekeepers that rows refer to, loaded once per page. */
export interface TimeNames {
  matters: Map<string, MatterRef>;
  users: Map<string, UserRef>;
}

/** Loads the matters and users the rows mention (two queries, whatever the number of rows). */
export async function loadNames(
  ex: Executor,
  firmId: string,
  rows: readonly { matterId: string; userId: string }[],
): Promise<TimeNames> {
  const matterIds = [...new Set(rows.map((r) => r.matterId))];
  const userIds = [...new Set(rows.map((r) => r.userId))];
  const matterRows = matterIds.length
    ? await ex
        .select({ id: matters.id, number: matters.number, name: matters.name })
        .from(matters)
        .where(and(eq(matters.firmId, firmId), inArray(matters.id, matterIds)))
    : [];
  const userRows = userIds.length
    ? await ex
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.firmId, firmId), inArray(users.id, userIds)))
    : [];
  return {
    matters: new Map(matterRows.map((m) => [m.id, m])),
    users: new Map(userRows.map((u) => [u.id, u])),
  };
}

/** Who hears about a timekeeper's event or entry: the timekeeper and the billing managers. */
export function timeAudience(userId: string): Audience {
  return { userIds: [userId], permission: 'billing.manage' };
}

/** The event (row locked when asked) if the actor may work on it; 404 otherwise, also for others' events. */
export async function loadWorkableEvent(
  ex: Executor,
  actor: StaffActor,
  id: string,
  lock = false,
): Promise<BillableEventRow> {
  const query = ex
    .select()
    .from(billableEvents)
    .where(and(eq(billableEvents.firmId, actor.firmId), eq(billableEvents.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !canWorkOnTime(actor, row)) throw notFound('billable event');
  return row;
}

/**
 * The matter time may be booked to, or 400 naming field: timekeepers book to matters they can see;
 * billing managers to any matter of the firm (they correct other people's time).
 */
export async function matterForTime(
  ex: Executor,
  actor: StaffActor,
  matterId: string,
  field: string,
): Promise<MatterRef> {
  if (canManageAllTime(actor)) {
    const [row] = await ex
      .select({ id: matters.id, number: matters.number, name: matters.name })
      .from(matters)
      .where(and(eq(matters.firmId, actor.firmId), eq(matters.id, matterId)));
    if (!row) throw invalidField(field, 'is not a matter of this firm');
    return row;
  }
  try {
    const view = await loadVisibleMatter(ex, actor, matterId);
    return { id: view.row.id, number: view.row.number, name: view.row.name };
  } catch (error) {
    if (error instanceof Problem && error.status === 404)
      throw invalidField(field, 'is not a matter you can see');
    throw error;
  }
}
