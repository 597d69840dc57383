import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { firmNumbers, secureChatLinks } from '../../platform/db/schema';
import { ensureCan, type StaffActor } from '../../platform/http/actor';
import { conflict, notFound } from '../../platform/http/problem';

/**
 * Removes a number from the firm's secure-chat pool: 404 unless it is in the pool, 409
 * number-in-use while open threads text through it (removing it would cut clients off mid-thread;
 * end those threads first).
 */
export async function removePoolNumber(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; number: string },
): Promise<void> {
  const { actor, number } = input;
  ensureCan(actor, 'settings.manage');
  await deps.db.transaction(async (tx) => {
    const mine = and(
      eq(firmNumbers.e164, number),
      eq(firmNumbers.firmId, actor.firmId),
      eq(firmNumbers.purpose, 'secure_chat'),
    );
    const [row] = await tx.select({ e164: firmNumbers.e164 }).from(firmNumbers).where(mine).for('update');
    if (!row) throw notFound('number in the pool');
    const [inUse] = await tx
      .select({ id: secureChatLinks.conversationId })
      .from(secureChatLinks)
      .where(and(eq(secureChatLinks.firmId, actor.firmId), eq(secureChatLinks.firmPhone, number)))
      .limit(1);
    if (inUse) throw conflict('number-in-use', 'Open threads use this number; end them first.');
    await tx.delete(firmNumbers).where(mine);
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'secure_chat.number_removed',
        targetType: 'firm_number',
        targetId: number,
      },
      deps.clock(),
    );
  });
}
