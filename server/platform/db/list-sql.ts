import { type AnyColumn, sql } from 'drizzle-orm';

/** A LIKE pattern matching the text anywhere, with the wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Keyset condition "after (name, id)" for lists ordered by name, then id. */
export function afterNameAndId(nameCol: AnyColumn, idCol: AnyColumn, position: string[] | undefined) {
  if (!position) return undefined;
  return sql`(${nameCol}, ${idCol}) > (${position[0]}, ${position[1]}::uuid)`;
}
