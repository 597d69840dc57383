import { z } from 'zod';

/** A page of a list: items and the cursor of the next page (null at the end). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A page of a list as clients read it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
