import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { namesOf } from '../../platform/db/names';
import { type billableEvents, matters, type timeEntries } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { Problem } from '../../platform/http/problem';
import { loadVisibleMatter } from '../matters/access';
import { canManageAllTime } from './access';
import { loadThreads, type ThreadRef } from './threads';

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

/** Names of the matters and timekeepers that rows refer to, and the events' threads, loaded once per page. */
export interface TimeNames {
  matters: Map<string, MatterRef>;
  users: Map<string, UserRef>;
  threads: Map<string, ThreadRef>;
}

/** Loads the matters and users the rows mention (two queries, whatever the number of rows). */
export async function loadNames(
  ex: Executor,
  firmId: string,
  rows: readonly { matterId: string; userId: string; conversationId?: string | null }[],
): Promise<TimeNames> {
  const matterIds = [...new Set(rows.map((r) => r.matterId))];
  const userIds = [...new Set(rows.map((r) => r.userId))];
  const matterRows = matterIds.length
    ? await ex
        .select({ id: matters.id, number: matters.number, name: matters.name })
        .from(matters)
        .where(and(eq(matters.firmId, firmId), inArray(matters.id, matterIds)))
    : [];
  const userNames = await namesOf(
    ex,
    firmId,
    userIds.map((id) => ({ type: 'user', id })),
  );
  return {
    matters: new Map(matterRows.map((m) => [m.id, m])),
    users: new Map([...userNames].map(([id, name]) => [id, { id, name }])),
    threads: await loadThreads(ex, firmId, rows),
  };
}

/**
 * The matter time may be booked to, or 404 naming field (a matter of another firm, or one the actor
 * may not see, does not exist for them): timekeepers book to matters they can see; billing managers to
 * any matter of the firm (they correct other people's time).
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
    if (!row) throw unknownMatter(field);
    return row;
  }
  try {
    const view = await loadVisibleMatter(ex, actor, matterId);
    return { id: view.row.id, number: view.row.number, name: view.row.name };
  } catch (error) {
    if (error instanceof Problem && error.status === 404) throw unknownMatter(field);
    throw error;
  }
}

const unknownMatter = (field: string) =>
  new Problem(404, 'not-found', 'Not found', 'No such matter.', [
    { field, message: 'is not a matter you can see' },
  ]);
