import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/** A LIKE pattern matching the text anywhere, with the wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Keyset condition "after (name, id)" for lists ordered by name, then id. */
export function afterNameAndId(nameCol: AnyColumn, idCol: AnyColumn, position: string[] | undefined) {
  if (!position) return undefined;
  return sql`(${nameCol}, ${idCol}) > (${position[0]}, ${position[1]}::uuid)`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "column is one of these ids" as one array parameter: the statement's text is the same for a page
 * of 3 or of 50, so PostgreSQL parses and plans it once per connection (a prepared statement), where
 * `in ($1, …, $n)` is a new statement, planned again, for every length.
 */
export function isAnyId(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${uuidArray(ids)}::uuid[])`;
}

/**
 * isAnyId in a statement built once (preparedOnce): its array is the placeholder `name`, whose value
 * at each call is uuidArray(ids).
 */
export function isAnyIdPlaceholder(column: AnyColumn, name: string): SQL {
  return sql`${column} = any(${sql.placeholder(name)}::uuid[])`;
}

/** The ids as the one array parameter of isAnyId (PostgreSQL's array text); only uuids get in. */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new TypeError('isAnyId takes uuids only');
  return `{${ids.join(',')}}`;
}

const WORD = /^[a-z_]+$/;

/**
 * "column is one of these values" with the values written into the statement, for the fixed words
 * partial indexes are defined on (kind 'sms', status 'open'): a prepared statement's generic plan
 * can use such an index only when the value is in its text, not a parameter. With them in the text,
 * PostgreSQL settles on one plan for the statement instead of planning it on every execution.
 */
export function isAnyWord(column: AnyColumn, words: readonly string[]): SQL {
  for (const word of words) if (!WORD.test(word)) throw new TypeError('isAnyWord takes lowercase words only');
  if (words.length === 0) return sql`false`;
  const list = sql.raw(words.map((word) => `'${word}'`).join(', '));
  return words.length === 1 ? sql`${column} = ${list}` : sql`${column} in (${list})`;
}
