import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { matterContacts, timeEntries, timekeeperRates } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { invalidField } from '../../platform/http/problem';
import { loadSettings } from '../settings/load-settings';
import { timeEntriesCsv } from './csv';
import { ledes1998b, ledesId } from './ledes';
import { hoursOf, workDateOf } from './model';
import { loadNames, type TimeEntryRow } from './queries';
import type { ExportQuery } from './schemas';
import { timeEntryConditions } from './time-entry-filters';

/** The most entries one export holds; a larger range is 422 (export it in parts). */
export const EXPORT_LIMIT = 50_000;

/**
 * The actor's visible time entries in the work-date range as a LEDES 1998B or CSV file, oldest first.
 * In the transaction that reads them, entries exported for the first time are marked exported (from
 * then on they cannot change; exporting them again is allowed) and the export is audited. The rows are
 * read FOR UPDATE, so an edit or deletion committing meanwhile waits and then meets the mark (409)
 * instead of changing an entry the file already holds.
 */
export async function exportTimeEntries(
  deps: Pick<Deps, 'db' | 'bus' | 'outbox' | 'log' | 'clock'>,
  input: { actor: StaffActor; ip?: string; query: ExportQuery },
): Promise<{ body: string; contentType: string; filename: string }> {
  const { actor, query } = input;
  if (query.from && query.to && query.from > query.to)
    throw invalidField('query.to', 'must not be before from');
  const firmId = actor.firmId;
  return inTransaction(deps, async (tx, events) => {
    const rows = await tx
      .select()
      .from(timeEntries)
      .where(and(...timeEntryConditions(actor, query)))
      .orderBy(asc(timeEntries.workDate), asc(timeEntries.id))
      .limit(EXPORT_LIMIT + 1)
      .for('update');
    if (rows.length > EXPORT_LIMIT)
      throw invalidField(
        'query.from',
        `the range holds more than ${EXPORT_LIMIT} entries; export it in parts`,
      );
    const names = await loadNames(tx, firmId, rows);
    const now = deps.clock();
    const marked = await markExported(tx, firmId, rows, now);
    if (marked.length)
      events.push({
        type: 'time_entry.exported',
        firmId,
        audience: { userIds: [...new Set(marked.map((r) => r.userId))], permission: 'billing.manage' },
        data: { count: marked.length },
      });
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'time_entries.exported',
        targetType: 'time_entries',
        details: {
          format: query.format,
          from: query.from ?? null,
          to: query.to ?? null,
          userId: query.userId ?? null,
          matterId: query.matterId ?? null,
          entries: rows.length,
          newlyExported: marked.length,
        },
      },
      now,
    );
    // "Today" in the file name and the invoice date is the firm's day, like the work dates.
    const { timeZone } = await loadSettings(tx, firmId);
    const today = workDateOf(now, timeZone);
    const range = `${query.from ?? 'start'}_${query.to ?? today}`;
    if (query.format === 'csv')
      return {
        body: timeEntriesCsv(
          rows.map((r) => ({
            date: r.workDate,
            timekeeper: names.users.get(r.userId)?.name ?? '',
            timekeeperId: r.userId,
            matterNumber: names.matters.get(r.matterId)?.number ?? '',
            matterName: names.matters.get(r.matterId)?.name ?? '',
            source: r.source,
            hours: hoursOf(r.billedMinutes),
            rateCents: r.rateCents,
            amountCents: r.amountCents,
            narrative: r.narrative,
            timeEntryId: r.id,
            billableEventId: r.billableEventId,
          })),
        ),
        contentType: 'text/csv; charset=utf-8',
        filename: `time-entries_${range}.csv`,
      };

    const matterIds = [...new Set(rows.map((r) => r.matterId))];
    const userIds = [...new Set(rows.map((r) => r.userId))];
    const clients = matterIds.length
      ? await tx
          .select({ matterId: matterContacts.matterId, contactId: matterContacts.contactId })
          .from(matterContacts)
          .where(and(eq(matterContacts.firmId, firmId), inArray(matterContacts.matterId, matterIds)))
          .orderBy(asc(matterContacts.createdAt), asc(matterContacts.contactId))
      : [];
    const classes = userIds.length
      ? await tx
          .select({ userId: timekeeperRates.userId, classification: timekeeperRates.classification })
          .from(timekeeperRates)
          .where(and(eq(timekeeperRates.firmId, firmId), inArray(timekeeperRates.userId, userIds)))
      : [];
    // The matter's first linked contact is its client; a matter without one bills to the matter itself.
    const clientOf = new Map<string, string>();
    for (const c of clients) if (!clientOf.has(c.matterId)) clientOf.set(c.matterId, c.contactId);
    const classOf = new Map(classes.map((c) => [c.userId, c.classification]));
    return {
      body: ledes1998b({
        invoiceDate: today,
        lawFirmId: ledesId(firmId),
        from: query.from,
        to: query.to,
        entries: rows.map((r) => ({
          date: r.workDate,
          matterNumber: names.matters.get(r.matterId)?.number ?? ledesId(r.matterId),
          matterName: names.matters.get(r.matterId)?.name ?? '',
          clientId: ledesId(clientOf.get(r.matterId) ?? r.matterId),
          timekeeperId: ledesId(r.userId),
          timekeeperName: names.users.get(r.userId)?.name ?? '',
          classification: classOf.get(r.userId) ?? 'OT',
          billedMinutes: r.billedMinutes,
          rateCents: r.rateCents,
          amountCents: r.amountCents,
          narrative: r.narrative,
        })),
      }),
      contentType: 'text/plain; charset=us-ascii',
      filename: `time-entries_${range}.ledes.txt`,
    };
  });
}

/**
 * Marks the entries not exported before as exported now; one array parameter, however many entries
 * (a list of 50,000 parameters would pass PostgreSQL's limit of 65,535 per statement only just).
 */
async function markExported(tx: Tx, firmId: string, rows: readonly TimeEntryRow[], now: Date) {
  const ids = rows.filter((r) => r.exportedAt === null).map((r) => r.id);
  if (!ids.length) return [];
  return tx
    .update(timeEntries)
    .set({ exportedAt: now })
    .where(
      and(
        eq(timeEntries.firmId, firmId),
        sql`${timeEntries.id} = any(${`{${ids.join(',')}}`}::uuid[])`,
        isNull(timeEntries.exportedAt),
      ),
    )
    .returning({ id: timeEntries.id, userId: timeEntries.userId });
}
