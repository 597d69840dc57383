import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/bus/in-transaction';
import { billableEvents, timeEntries } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { timeAudience } from './access';
import { eventFor } from './capture-time';
import type { BillableEventRow } from './queries';
import { assertEntryChangeable } from './time-entry-rules';
import { loadWorkableEntry } from './workable-entry';

/**
 * Deletes a time entry that was not exported yet (409 once it was) and reopens the billable event it
 * came from, so the time is not lost: it can be corrected and converted again, or dismissed. Audited.
 */
export async function deleteTimeEntry(
  deps: Pick<Deps, 'db' | 'bus' | 'outbox' | 'log' | 'clock'>,
  input: { actor: StaffActor; ip?: string; entryId: string },
): Promise<void> {
  const { actor } = input;
  const firmId = actor.firmId;
  await inTransaction(deps, async (tx, events) => {
    const entry = await loadWorkableEntry(tx, actor, input.entryId);
    assertEntryChangeable(entry);
    const now = deps.clock();
    await tx.delete(timeEntries).where(and(eq(timeEntries.firmId, firmId), eq(timeEntries.id, entry.id)));
    const [reopened] = await tx
      .update(billableEvents)
      .set({ status: 'open', timeEntryId: null, updatedAt: now })
      .where(and(eq(billableEvents.firmId, firmId), eq(billableEvents.id, entry.billableEventId)))
      .returning();
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'time_entry.deleted',
        targetType: 'time_entry',
        targetId: entry.id,
        details: {
          billableEventId: entry.billableEventId,
          userId: entry.userId,
          matterId: entry.matterId,
          billedMinutes: entry.billedMinutes,
          amountCents: entry.amountCents,
        },
      },
      now,
    );
    events.push({
      type: 'time_entry.deleted',
      firmId,
      audience: timeAudience(entry.userId),
      data: { id: entry.id, billableEventId: entry.billableEventId },
    });
    if (reopened) events.push(await eventFor(tx, 'billable_event.updated', reopened as BillableEventRow));
  });
}
