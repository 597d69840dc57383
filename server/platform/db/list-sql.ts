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
  for (const id of ids) if (!UUID.test(id)) throw new TypeError('isAnyId takes uuids only');
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}
