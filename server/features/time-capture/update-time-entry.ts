import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/bus/in-transaction';
import { timeEntries } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { loadSettings } from '../settings/load-settings';
import { timeAudience } from './access';
import { presentTimeEntry } from './presenter';
import { price } from './pricing';
import { loadNames, type TimeEntryRow } from './queries';
import type { UpdateTimeEntryBody } from './schemas';
import { assertEntryChangeable } from './time-entry-rules';
import { loadWorkableEntry } from './workable-entry';

/**
 * The timekeeper (or a billing manager) corrects a time entry before it is exported: the time worked
 * (billed rounded up to the firm's increment, at the rate the entry was converted at), the narrative or
 * the work date. An exported entry is 409. The change is audited with the old and new values.
 */
export async function updateTimeEntry(
  deps: Pick<Deps, 'db' | 'bus' | 'outbox' | 'log' | 'clock'>,
  input: { actor: StaffActor; ip?: string; entryId: string; patch: UpdateTimeEntryBody },
) {
  const { actor, patch } = input;
  const firmId = actor.firmId;
  return inTransaction(deps, async (tx, events) => {
    const before = await loadWorkableEntry(tx, actor, input.entryId);
    assertEntryChangeable(before);
    const set: Partial<typeof timeEntries.$inferInsert> = {};
    if (patch.durationSeconds !== undefined) {
      const { incrementMinutes } = (await loadSettings(tx, firmId)).timeCapture;
      const priced = price(patch.durationSeconds, incrementMinutes, before.rateCents);
      set.billedMinutes = priced.billedMinutes;
      set.amountCents = priced.amountCents;
    }
    if (patch.narrative !== undefined) set.narrative = patch.narrative;
    if (patch.date !== undefined) set.workDate = patch.date;
    const [row] = await tx
      .update(timeEntries)
      .set(set)
      .where(and(eq(timeEntries.firmId, firmId), eq(timeEntries.id, before.id)))
      .returning();
    const after = row as TimeEntryRow;
    const changed = (['billedMinutes', 'narrative', 'workDate'] as const).filter(
      (k) => before[k] !== after[k],
    );
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'time_entry.updated',
        targetType: 'time_entry',
        targetId: after.id,
        details: {
          fields: changed,
          ...(before.billedMinutes !== after.billedMinutes
            ? { billedMinutes: { from: before.billedMinutes, to: after.billedMinutes } }
            : {}),
          ...(before.workDate !== after.workDate
            ? { date: { from: before.workDate, to: after.workDate } }
            : {}),
        },
      },
      deps.clock(),
    );
    const presented = presentTimeEntry(after, await loadNames(tx, firmId, [after]));
    events.push({
      type: 'time_entry.updated',
      firmId,
      audience: timeAudience(after.userId),
      data: presented,
    });
    return presented;
  });
}
