import { z } from 'zod';

// Every string that comes in is built here, so every present and future field refuses control
// characters. NUL cannot be stored in a PostgreSQL text column (the query fails: a 500, not a 400),
// and the other C0 controls, DEL and the C1 controls have no place in a name, an address, a search or
// a password: they hide or reorder what people read and corrupt exports and logs. Tab, line feed and
// carriage return are the only ones a multi-line text (a message, a description) keeps.

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters refused
const SINGLE_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters refused
const MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;

/** The message of a field that holds a control character. */
export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';

/** True when the value holds a character singleLine (or, with multiLine, multiLine) refuses. */
export function hasControlCharacter(value: string, options: { multiLine?: boolean } = {}): boolean {
  return !(options.multiLine ? MULTI_LINE : SINGLE_LINE).test(value);
}

/** A one-line string input (names, e-mail addresses, searches, passwords, tokens): no control characters. */
export function singleLine() {
  return z.string().regex(SINGLE_LINE, CONTROL_CHARACTER_MESSAGE);
}

/** A multi-line string input (message bodies, descriptions): tab, line feed and carriage return only. */
export function multiLine() {
  return z.string().regex(MULTI_LINE, `${CONTROL_CHARACTER_MESSAGE} other than tab and line breaks`);
}

/** A `?q=` search: part of a name, number or address, trimmed, 1–200 characters. */
export function searchQuery() {
  return singleLine().trim().min(1).max(200);
}
