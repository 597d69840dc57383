import type { z } from 'zod';
import type { billableEventOut, timeEntryOut } from '../../../contracts/time-capture';
import { eventAbilities } from './access';
import { hoursOf } from './model';
import type { BillableEventRow, TimeEntryRow, TimeNames } from './queries';
import { entryAbilities } from './time-entry-rules';

/** A billable event for its timekeeper and billing managers, with matter and timekeeper names. */
export function presentBillableEvent(
  row: BillableEventRow,
  names: TimeNames,
): z.input<typeof billableEventOut> {
  return {
    id: row.id,
    userId: row.userId,
    matterId: row.matterId,
    conversationId: row.conversationId,
    thread: (row.conversationId && names.threads.get(row.conversationId)) || null,
    source: row.source as z.input<typeof billableEventOut>['source'],
    status: row.status as z.input<typeof billableEventOut>['status'],
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt.toISOString(),
    durationSeconds: row.durationSeconds,
    messageCount: row.messageCount,
    description: row.description,
    edited: row.edited,
    timeEntryId: row.timeEntryId,
    matter: names.matters.get(row.matterId) ?? null,
    timekeeper: names.users.get(row.userId) ?? null,
    abilities: eventAbilities(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A time entry for staff. */
export function presentTimeEntry(row: TimeEntryRow, names: TimeNames): z.input<typeof timeEntryOut> {
  return {
    id: row.id,
    billableEventId: row.billableEventId,
    userId: row.userId,
    matterId: row.matterId,
    source: row.source as z.input<typeof timeEntryOut>['source'],
    date: row.workDate,
    hours: hoursOf(row.billedMinutes),
    billedMinutes: row.billedMinutes,
    rate: row.rateCents / 100,
    rateCents: row.rateCents,
    amount: row.amountCents / 100,
    amountCents: row.amountCents,
    narrative: row.narrative,
    matter: names.matters.get(row.matterId) ?? null,
    timekeeper: names.users.get(row.userId) ?? null,
    exportedAt: row.exportedAt?.toISOString() ?? null,
    abilities: entryAbilities(row),
    createdAt: row.createdAt.toISOString(),
  };
}
