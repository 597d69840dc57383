import { and, asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { firmNumbers, secureChatLinks } from '../../platform/db/schema';
import type { PoolNumberOut } from './schemas';

/** The firm's secure-chat numbers with how many open threads each carries. */
export async function poolNumbers(ex: Executor, firmId: string, only?: string): Promise<PoolNumberOut[]> {
  const rows = await ex
    .select({
      number: firmNumbers.e164,
      label: firmNumbers.label,
      createdAt: firmNumbers.createdAt,
      openThreads: count(secureChatLinks.conversationId),
    })
    .from(firmNumbers)
    .leftJoin(
      secureChatLinks,
      and(eq(secureChatLinks.firmId, firmNumbers.firmId), eq(secureChatLinks.firmPhone, firmNumbers.e164)),
    )
    .where(
      and(
        eq(firmNumbers.firmId, firmId),
        eq(firmNumbers.purpose, 'secure_chat'),
        only === undefined ? undefined : eq(firmNumbers.e164, only),
      ),
    )
    .groupBy(firmNumbers.e164, firmNumbers.label, firmNumbers.createdAt)
    .orderBy(asc(firmNumbers.e164));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
