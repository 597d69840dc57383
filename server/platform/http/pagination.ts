import { validate as isUuid } from 'uuid';
import { z } from 'zod';
import { invalidField } from './problem';
import { hasControlCharacter, singleLine } from './text';

/** ?limit= and ?cursor= of every list endpoint. */
export const pageQuery = z.object({
  /** Page size, 1–200, default 50. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: singleLine().min(1).max(500).optional(),
});

// The page shape is part of the contract with clients; kept importable here for the directory routes.
export { pageOf } from '../../../contracts/page';

/** Encodes a keyset position (e.g. [createdAt, id]) as an opaque cursor. */
export function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor; a malformed one is a 400 naming query.cursor. */
export function decodeCursor(cursor: string | undefined, arity: number): string[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // A decoded position goes into a query: a NUL in it would fail there (500) instead of here.
    if (
      Array.isArray(value) &&
      value.length === arity &&
      value.every((v) => typeof v === 'string' && !hasControlCharacter(v))
    )
      return value;
  } catch {}
  throw invalidField('query.cursor', 'is not a valid cursor');
}

/** Decodes a list cursor whose last element is a row id; anything else is a 400 naming query.cursor. */
export function decodeIdCursor(cursor: string | undefined, arity: number): string[] | undefined {
  const position = decodeCursor(cursor, arity);
  if (position && !isUuid(position[arity - 1])) throw invalidField('query.cursor', 'is not a valid cursor');
  return position;
}

/** Splits limit+1 fetched rows into a page and the next cursor. */
export function toPage<R, T>(rows: R[], limit: number, present: (r: R) => T, position: (r: R) => string[]) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(present),
    nextCursor: hasMore && last !== undefined ? encodeCursor(position(last)) : null,
  };
}
