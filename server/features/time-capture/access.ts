import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Audience } from '../../platform/bus/bus';
import type { Executor } from '../../platform/db/client';
import { billableEvents } from '../../platform/db/schema';
import { can, type StaffActor } from '../../platform/http/actor';
import { forbidden, notFound } from '../../platform/http/problem';
import type { BillableEventRow } from './queries';

// Who may see and work on time, written once: a timekeeper their own, billing managers everyone's.
// Everything that decides access to time reads it from here, in the form it needs: use cases
// through canWorkOnTime and loadWorkableEvent; lists and exports through the SQL filter
// visibleTime; real-time events through timeAudience. test/time-capture/access-agreement.test.ts
// checks on a real database that the three forms agree.

/** The permission that opens every timekeeper's time (admins hold every permission). */
const MANAGERS = 'billing.manage';

/** Billing managers (billing.manage, admins) see and work on every timekeeper's time. */
export function canManageAllTime(actor: StaffActor): boolean {
  return can(actor, MANAGERS);
}

/** A timekeeper sees, edits, dismisses and converts their own billable events and time entries only. */
export function canWorkOnTime(actor: StaffActor, item: { userId: string }): boolean {
  return item.userId === actor.userId || canManageAllTime(actor);
}

/** Setting billing rates and timekeeper classifications is for billing managers. */
export function canSetRates(actor: StaffActor): boolean {
  return canManageAllTime(actor);
}

/** What the actor may do with the firm's time as a whole; sent with the timekeepers so the web does not re-derive it. */
export function timeAbilities(actor: StaffActor) {
  return { viewAll: canManageAllTime(actor), setRates: canSetRates(actor) };
}

/**
 * What may be done with a billable event by those who see it (its timekeeper and billing managers,
 * who may all work on it): edit, dismiss or convert while open, restore once dismissed. Sent with the
 * event so the dashboard does not re-implement it.
 */
export function eventAbilities(event: { status: string }) {
  return {
    edit: event.status === 'open',
    dismiss: event.status === 'open',
    restore: event.status === 'dismissed',
    convert: event.status === 'open',
  };
}

/** The firm and timekeeper columns of a table of time (billable events, time entries, the users who keep time). */
export interface TimeColumns {
  firmId: PgColumn;
  userId: PgColumn;
}

/** SQL condition selecting the rows of the actor's firm that the actor may see: canWorkOnTime over rows. */
export function visibleTime(actor: StaffActor, table: TimeColumns): SQL {
  const firm = eq(table.firmId, actor.firmId);
  return canManageAllTime(actor) ? firm : (and(firm, eq(table.userId, actor.userId)) as SQL);
}

/** 403 when a list is asked for the time of a timekeeper the actor may not see (`what`: "time entries" …). */
export function requireTimekeeperVisible(actor: StaffActor, userId: string | undefined, what: string): void {
  if (userId !== undefined && !canWorkOnTime(actor, { userId }))
    throw forbidden(`You can only see your own ${what}.`);
}

/** Who hears about a timekeeper's event or entry: the timekeeper and the billing managers. */
export function timeAudience(userId: string): Audience {
  return { userIds: [userId], permission: MANAGERS };
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
