import { z } from 'zod';
import { normalizeE164 } from '../phone';
import { singleLine } from './text';

// Field shapes the request schemas of several features share.

/** A person's, team's or matter's name as people read it. */
export const name = singleLine().trim().min(1).max(200).describe('Display name');

/** A short free label of a phone number or e-mail address. */
export const label = singleLine().trim().min(1).max(50).describe('Free label such as "mobile" or "work"');

/** A row id. */
export const id = z.uuid().describe('UUID');

/** E-mail addresses are compared and stored lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Index of the first value that repeats an earlier one (compared by key), or -1 when all differ. */
export function firstDuplicate<T>(values: readonly T[], key: (v: T) => string = String): number {
  const seen = new Set<string>();
  for (const [i, v] of values.entries()) {
    const k = key(v);
    if (seen.has(k)) return i;
    seen.add(k);
  }
  return -1;
}

/** An e-mail address, stored lower-cased. */
export const email = z.email().max(254).transform(normaliseEmail).describe('E-mail address');

/** A phone number in any common format, turned into E.164 (numbers without a country code are US, extensions refused). */
export const phoneNumber = singleLine()
  .max(40)
  .transform((value, ctx) => {
    const e164 = normalizeE164(value);
    if (e164 === null) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid phone number', input: value });
      return z.NEVER;
    }
    return e164;
  })
  .describe('Phone number in any common format; answered as E.164');

/**
 * A list in which each entry may appear once (compared by key); a repeat is reported at its own
 * index, inside the entry at `field` when entries are objects.
 */
export function uniqueList<T extends z.ZodType>(
  item: T,
  max: number,
  by: { key?: (v: z.output<T>) => string; field?: string } = {},
) {
  return z
    .array(item)
    .max(max)
    .superRefine((values, ctx) => {
      const i = firstDuplicate(values, by.key ?? String);
      if (i >= 0)
        ctx.addIssue({
          code: 'custom',
          path: by.field ? [i, by.field] : [i],
          message: 'is listed twice',
          input: values[i],
        });
    });
}

/** Path parameter: a UUID. */
export const idParams = z.object({ id: id.describe('The object id') });
