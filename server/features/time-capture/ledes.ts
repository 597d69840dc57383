// LEDES 1998B: the pipe-delimited e-billing format most US corporate clients accept. The file is the
// line "LEDES1998B[]", the header of the 24 field names, then one line per fee; every line ends in
// "[]". Invoice-level fields repeat on each line of the invoice.

import { neutraliseFormula } from './formula';

/** The 24 fields of a LEDES 1998B line, in order. */
export const LEDES_1998B_FIELDS = [
  'INVOICE_DATE',
  'INVOICE_NUMBER',
  'CLIENT_ID',
  'LAW_FIRM_MATTER_ID',
  'INVOICE_TOTAL',
  'BILLING_START_DATE',
  'BILLING_END_DATE',
  'INVOICE_DESCRIPTION',
  'LINE_ITEM_NUMBER',
  'EXP/FEE/INV_ADJ_TYPE',
  'LINE_ITEM_NUMBER_OF_UNITS',
  'LINE_ITEM_ADJUSTMENT_AMOUNT',
  'LINE_ITEM_TOTAL',
  'LINE_ITEM_DATE',
  'LINE_ITEM_TASK_CODE',
  'LINE_ITEM_EXPENSE_CODE',
  'LINE_ITEM_ACTIVITY_CODE',
  'TIMEKEEPER_ID',
  'LINE_ITEM_DESCRIPTION',
  'LAW_FIRM_ID',
  'LINE_ITEM_UNIT_COST',
  'TIMEKEEPER_NAME',
  'TIMEKEEPER_CLASSIFICATION',
  'CLIENT_MATTER_ID',
] as const;

/** UTBMS activity code "Communicate (with client)": every captured event is a client communication. */
export const CLIENT_COMMUNICATION_ACTIVITY = 'A106';

/** One time entry as the export needs it. */
export interface LedesEntry {
  /** Work date YYYY-MM-DD. */
  date: string;
  matterNumber: string;
  matterName: string;
  /** The firm's code of the matter's client (see ledesId). */
  clientId: string;
  timekeeperId: string;
  timekeeperName: string;
  /** PT, AS, OC, LA or OT. */
  classification: string;
  billedMinutes: number;
  rateCents: number;
  amountCents: number;
  narrative: string;
}

/** Identifier fields hold at most 20 characters: the last 20 hex digits of a UUID (its random part). */
export function ledesId(uuid: string): string {
  return uuid.replace(/-/g, '').slice(-20);
}

/** YYYY-MM-DD → YYYYMMDD. */
export function ledesDate(day: string): string {
  return day.replace(/-/g, '');
}

/** Cents as a decimal amount with two places: 12345 → "123.45". */
export function ledesMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Billed minutes as hours: two places when exact (6-minute increments), else four. */
export function ledesUnits(minutes: number): string {
  return (minutes * 100) % 60 === 0 ? (minutes / 60).toFixed(2) : (minutes / 60).toFixed(4);
}

/**
 * A field value safe for the format: ASCII only (accents dropped, typographic quotes and dashes made
 * plain), on one line, without the "|" delimiter or the "[]" line terminator, not starting like a
 * spreadsheet formula (billing staff open these files in spreadsheets too), cut to max characters.
 */
export function ledesText(value: string, max?: number): string {
  const ascii = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[“”„]/g, '"')
    .replace(/[‘’‚]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/[^\x20-\x7e\s]/g, '?')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '/')
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
    .trim();
  const safe = neutraliseFormula(ascii);
  return max === undefined ? safe : safe.slice(0, max);
}

/**
 * The LEDES 1998B file of entries: one invoice per matter (number "<YYYYMMDD of invoiceDate>-<matter
 * number>", cut to 20 characters), line items numbered from 1 within each invoice, fees only ("F"),
 * no adjustments, activity A106. The billing period is from/to when given, else the invoice's first and
 * last work dates. Lines end in "[]" and CRLF.
 */
export function ledes1998b(input: {
  invoiceDate: string;
  lawFirmId: string;
  from?: string;
  to?: string;
  entries: readonly LedesEntry[];
}): string {
  const invoices = new Map<string, LedesEntry[]>();
  for (const e of input.entries) {
    const list = invoices.get(e.matterNumber) ?? [];
    list.push(e);
    invoices.set(e.matterNumber, list);
  }
  const lines = ['LEDES1998B[]', `${LEDES_1998B_FIELDS.join('|')}[]`];
  for (const [matterNumber, entries] of invoices) {
    const dates = entries.map((e) => e.date).sort();
    const total = entries.reduce((sum, e) => sum + e.amountCents, 0);
    entries.forEach((e, i) => {
      const fields: Record<(typeof LEDES_1998B_FIELDS)[number], string> = {
        INVOICE_DATE: ledesDate(input.invoiceDate),
        INVOICE_NUMBER: ledesText(`${ledesDate(input.invoiceDate)}-${matterNumber}`, 20),
        CLIENT_ID: ledesText(e.clientId, 20),
        LAW_FIRM_MATTER_ID: ledesText(matterNumber, 20),
        INVOICE_TOTAL: ledesMoney(total),
        BILLING_START_DATE: ledesDate(input.from ?? (dates[0] as string)),
        BILLING_END_DATE: ledesDate(input.to ?? (dates[dates.length - 1] as string)),
        INVOICE_DESCRIPTION: ledesText(`Legal services: ${e.matterName}`, 2000),
        LINE_ITEM_NUMBER: String(i + 1),
        'EXP/FEE/INV_ADJ_TYPE': 'F',
        LINE_ITEM_NUMBER_OF_UNITS: ledesUnits(e.billedMinutes),
        LINE_ITEM_ADJUSTMENT_AMOUNT: '0.00',
        LINE_ITEM_TOTAL: ledesMoney(e.amountCents),
        LINE_ITEM_DATE: ledesDate(e.date),
        LINE_ITEM_TASK_CODE: '',
        LINE_ITEM_EXPENSE_CODE: '',
        LINE_ITEM_ACTIVITY_CODE: CLIENT_COMMUNICATION_ACTIVITY,
        TIMEKEEPER_ID: ledesText(e.timekeeperId, 20),
        LINE_ITEM_DESCRIPTION: ledesText(e.narrative, 15_000),
        LAW_FIRM_ID: ledesText(input.lawFirmId, 20),
        LINE_ITEM_UNIT_COST: ledesMoney(e.rateCents),
        TIMEKEEPER_NAME: ledesText(e.timekeeperName, 30),
        TIMEKEEPER_CLASSIFICATION: e.classification,
        CLIENT_MATTER_ID: '',
      };
      lines.push(`${LEDES_1998B_FIELDS.map((f) => fields[f]).join('|')}[]`);
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}
