import { and, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import { billableEvents, timeEntries } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { loadSettings } from '../settings/load-settings';
import { timeAudience } from './access';
import { eventFor } from './capture-time';
import { loadConvertibleEvents } from './convertible-events';
import { workDateOf } from './model';
import { presentTimeEntry } from './presenter';
import { price } from './pricing';
import { type BillableEventRow, loadNames, type TimeEntryRow } from './queries';
import { loadRates } from './rates';

/**
 * Converts billable events into time entries, all or none: hours are the duration rounded up to the
 * firm's billing increment, at the timekeeper's current rate. Converting an event that already was
 * converted answers its existing entry (safe to retry); a dismissed one is 409; one the actor may not
 * work on is 404. The events are locked in id order, so two conversions of the same events (or
 * overlapping sets) serialise and produce one entry per event; the unique (firm, event) key of time
 * entries backs that up.
 */
export async function convertBillableEvents(
  deps: Pick<Deps, 'db' | 'bus' | 'outbox' | 'log' | 'clock'>,
  input: { actor: StaffActor; ip?: string; ids: readonly string[] },
): Promise<{ entries: ReturnType<typeof presentTimeEntry>[]; created: number }> {
  const { actor } = input;
  const firmId = actor.firmId;
  return inTransaction(deps, async (tx, events) => {
    const rows = await loadConvertibleEvents(tx, actor, input.ids, true);

    const toConvert = rows.filter((r) => r.status === 'open');
    const firmSettings = await loadSettings(tx, firmId);
    const settings = firmSettings.timeCapture;
    const rateOf = await loadRates(
      tx,
      firmId,
      toConvert.map((r) => r.userId),
      settings.defaultRateCents,
    );
    const now = deps.clock();
    const created: TimeEntryRow[] = [];
    for (const event of toConvert) {
      const priced = price(event.durationSeconds, settings.incrementMinutes, rateOf(event.userId));
      const [entry] = await tx
        .insert(timeEntries)
        .values({
          firmId,
          id: uuidv7(),
          userId: event.userId,
          matterId: event.matterId,
          billableEventId: event.id,
          source: event.source,
          workDate: workDateOf(event.startedAt, firmSettings.timeZone),
          billedMinutes: priced.billedMinutes,
          rateCents: priced.rateCents,
          amountCents: priced.amountCents,
          narrative: event.description,
          createdBy: actor.userId,
          createdAt: now,
        })
        .returning();
      const timeEntry = entry as TimeEntryRow;
      created.push(timeEntry);
      const [converted] = await tx
        .update(billableEvents)
        .set({ status: 'converted', collecting: false, timeEntryId: timeEntry.id, updatedAt: now })
        .where(and(eq(billableEvents.firmId, firmId), eq(billableEvents.id, event.id)))
        .returning();
      await recordAudit(
        tx,
        {
          ...auditActor(actor, input.ip),
          action: 'billable_event.converted',
          targetType: 'billable_event',
          targetId: event.id,
          details: {
            timeEntryId: timeEntry.id,
            billedMinutes: priced.billedMinutes,
            rateCents: priced.rateCents,
            userId: event.userId,
          },
        },
        now,
      );
      events.push(await eventFor(tx, 'billable_event.updated', converted as BillableEventRow));
    }

    const earlier = rows.filter((r) => r.status === 'converted').map((r) => r.id);
    const existing = earlier.length
      ? await tx
          .select()
          .from(timeEntries)
          .where(and(eq(timeEntries.firmId, firmId), inArray(timeEntries.billableEventId, earlier)))
      : [];
    const all = [...created, ...existing];
    const names = await loadNames(tx, firmId, all);
    for (const entry of created)
      events.push(
        busEvent('time_entry.created', firmId, timeAudience(entry.userId), presentTimeEntry(entry, names)),
      );
    const byEvent = new Map(all.map((e) => [e.billableEventId, e]));
    return {
      entries: input.ids.map((id) => presentTimeEntry(byEvent.get(id) as TimeEntryRow, names)),
      created: created.length,
    };
  });
}
