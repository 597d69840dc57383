import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { contacts, users } from '../../platform/db/schema';

/** Display name of a message author, or null for system messages and unknown ids. */
export async function authorName(
  ex: Executor,
  firmId: string,
  author: { type: string; id: string | null },
): Promise<string | null> {
  if (!author.id) return null;
  if (author.type === 'user') {
    const [row] = await ex
      .select({ name: users.name })
      .from(users)
      .where(and(eq(users.firmId, firmId), eq(users.id, author.id)));
    return row?.name ?? null;
  }
  if (author.type === 'contact') {
    const [row] = await ex
      .select({ name: contacts.name })
      .from(contacts)
      .where(and(eq(contacts.firmId, firmId), eq(contacts.id, author.id)));
    return row?.name ?? null;
  }
  return null;
}
