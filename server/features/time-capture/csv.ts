import { stringify } from 'csv-stringify/sync';

/** One time entry as a CSV row. */
export interface CsvEntry {
  date: string;
  timekeeper: string;
  timekeeperId: string;
  matterNumber: string;
  matterName: string;
  source: string;
  hours: number;
  rateCents: number;
  amountCents: number;
  narrative: string;
  timeEntryId: string;
  billableEventId: string;
}

export const CSV_COLUMNS = [
  'date',
  'timekeeper',
  'timekeeper_id',
  'matter_number',
  'matter_name',
  'source',
  'hours',
  'rate',
  'amount',
  'narrative',
  'time_entry_id',
  'billable_event_id',
] as const;

/**
 * Time entries as RFC 4180 CSV (header row, CRLF, quotes where needed). Cells that a spreadsheet
 * would run as a formula (=, +, -, @ first) are prefixed with an apostrophe.
 */
export function timeEntriesCsv(entries: readonly CsvEntry[]): string {
  return stringify(
    entries.map((e) => [
      e.date,
      e.timekeeper,
      e.timekeeperId,
      e.matterNumber,
      e.matterName,
      e.source,
      String(e.hours),
      (e.rateCents / 100).toFixed(2),
      (e.amountCents / 100).toFixed(2),
      e.narrative,
      e.timeEntryId,
      e.billableEventId,
    ]),
    {
      header: true,
      columns: [...CSV_COLUMNS],
      record_delimiter: 'windows',
      quote_record_delimiter: true,
      escape_formulas: true,
    },
  );
}
