import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/bus/in-transaction';
import { billableEvents } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict } from '../../platform/http/problem';
import { loadWorkableEvent } from './access';
import { eventFor } from './capture-time';
import { presentBillableEvent } from './presenter';
import { type BillableEventRow, loadNames, matterForTime } from './queries';
import type { UpdateBillableEventBody } from './schemas';

/**
 * The timekeeper (or a billing manager) edits duration, description or matter of an open event,
 * dismisses it or restores a dismissed one. An edited event is final as far as capture goes: it stops
 * collecting texts, so the next text starts a new event instead of changing reviewed numbers.
 * Converted events are billed and cannot change (409).
 */
export async function updateBillableEvent(
  deps: Pick<Deps, 'db' | 'bus' | 'outbox' | 'log' | 'clock'>,
  input: { actor: StaffActor; ip?: string; eventId: string; patch: UpdateBillableEventBody },
) {
  const { actor, patch } = input;
  const firmId = actor.firmId;
  return inTransaction(deps, async (tx, events) => {
    const before = await loadWorkableEvent(tx, actor, input.eventId, true);
    if (before.status === 'converted')
      throw conflict('event-converted', 'This event is already a time entry and can no longer change.');
    const edits = (['durationSeconds', 'description', 'matterId'] as const).filter(
      (k) => patch[k] !== undefined,
    );
    const status = patch.status ?? before.status;
    if (edits.length && status === 'dismissed')
      throw conflict('event-dismissed', 'Restore the event before editing it.');

    const set: Partial<typeof billableEvents.$inferInsert> = { status, updatedAt: deps.clock() };
    if (status === 'dismissed') set.collecting = false;
    if (edits.length) {
      set.edited = true;
      set.collecting = false;
    }
    if (patch.durationSeconds !== undefined) set.durationSeconds = patch.durationSeconds;
    if (patch.matterId !== undefined && patch.matterId !== before.matterId) {
      const matter = await matterForTime(tx, actor, patch.matterId, 'body.matterId');
      set.matterId = matter.id;
      // Generated texts name the matter: follow the move unless a person wrote the description.
      const old = (await loadNames(tx, firmId, [before])).matters.get(before.matterId);
      if (old) {
        set.summary = renameMatter(before.summary, old.name, matter.name);
        if (!before.edited) set.description = renameMatter(before.description, old.name, matter.name);
      }
    }
    if (patch.description !== undefined) set.description = patch.description;

    const [row] = await tx
      .update(billableEvents)
      .set(set)
      .where(and(eq(billableEvents.firmId, firmId), eq(billableEvents.id, before.id)))
      .returning();
    const after = row as BillableEventRow;
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'billable_event.updated',
        targetType: 'billable_event',
        targetId: after.id,
        details: {
          fields: edits,
          ...(before.status !== after.status ? { status: { from: before.status, to: after.status } } : {}),
          ...(before.matterId !== after.matterId
            ? { matter: { from: before.matterId, to: after.matterId } }
            : {}),
          ...(before.durationSeconds !== after.durationSeconds
            ? { durationSeconds: { from: before.durationSeconds, to: after.durationSeconds } }
            : {}),
        },
      },
      deps.clock(),
    );
    events.push(await eventFor(tx, 'billable_event.updated', after));
    return presentBillableEvent(after, await loadNames(tx, firmId, [after]));
  });
}

function renameMatter(text: string, from: string, to: string): string {
  const marker = ` re ${from} (`;
  const at = text.indexOf(marker);
  return at < 0 ? text : `${text.slice(0, at)} re ${to} (${text.slice(at + marker.length)}`;
}
