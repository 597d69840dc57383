import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from './formula';

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
 * Time entries as RFC 4180 CSV (header row, CRLF, quotes where needed). Text cells that a spreadsheet
 * would run as a formula are prefixed with an apostrophe (neutraliseFormula, shared with LEDES); the
 * numbers are Parley's own and stay numbers.
 */
export function timeEntriesCsv(entries: readonly CsvEntry[]): string {
  const text = neutraliseFormula;
  return stringify(
    entries.map((e) => [
      text(e.date),
      text(e.timekeeper),
      text(e.timekeeperId),
      text(e.matterNumber),
      text(e.matterName),
      text(e.source),
      String(e.hours),
      (e.rateCents / 100).toFixed(2),
      (e.amountCents / 100).toFixed(2),
      text(e.narrative),
      text(e.timeEntryId),
      text(e.billableEventId),
    ]),
    {
      header: true,
      columns: [...CSV_COLUMNS],
      record_delimiter: 'windows',
      quote_record_delimiter: true,
    },
  );
}
