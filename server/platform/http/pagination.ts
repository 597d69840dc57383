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

/**
 * What each element of a cursor position must be. A cursor comes back from the client, so a forged
 * one must fail here as a 400 rather than in SQL as a 500.
 */
const cursorParts = {
  /** Any text (e.g. a name), bound as a parameter. */
  text: () => true,
  /** A row id. */
  uuid: (v: string) => isUuid(v),
  /** An ISO 8601 time. */
  time: (v: string) => !Number.isNaN(Date.parse(v)),
  /** A calendar day, YYYY-MM-DD. */
  date: (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v),
  /** A positive whole number (e.g. a sequence number). */
  seq: (v: string) => /^[1-9]\d{0,15}$/.test(v) && Number.isSafeInteger(Number(v)),
} satisfies Record<string, (v: string) => boolean>;

/** The kind of one element of a cursor position. */
export type CursorPart = keyof typeof cursorParts;

/**
 * Decodes a cursor made by encodeCursor into a position with one element per part, each of its
 * kind; undefined without a cursor, and a malformed one is a 400 naming query.cursor.
 */
export function decodeCursor<const Parts extends readonly CursorPart[]>(
  cursor: string | undefined,
  parts: Parts,
): { -readonly [I in keyof Parts]: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // A decoded position goes into a query: a NUL in it would fail there (500) instead of here.
    if (
      Array.isArray(value) &&
      value.length === parts.length &&
      value.every(
        (v, i) => typeof v === 'string' && !hasControlCharacter(v) && cursorParts[parts[i] as CursorPart](v),
      )
    )
      return value as { -readonly [I in keyof Parts]: string };
  } catch {}
  throw invalidField('query.cursor', 'is not a valid cursor');
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
