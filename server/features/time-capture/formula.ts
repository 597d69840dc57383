// A spreadsheet opening an export runs a cell that starts with = + - or @ as a formula (CSV injection):
// =HYPERLINK(…) in a narrative would send the reader's data elsewhere. Some apps skip a leading tab or
// carriage return first, and some fold the full-width forms ＝ ＋ － ＠ into the ASCII ones, so those
// starts count too. OWASP's remedy: a leading apostrophe, which the spreadsheet shows as text.
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** The cell as text a spreadsheet will not run: prefixed with an apostrophe when it starts like a formula. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
