import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { firmNumbers } from '../../platform/db/schema';
import { ensureCan, type StaffActor } from '../../platform/http/actor';
import { conflict } from '../../platform/http/problem';
import { poolNumbers } from './queries';
import type { PoolNumberOut } from './schemas';

/**
 * Adds a provider number to the firm's secure-chat pool. Numbers are global (inbound texts are
 * routed by number alone), so one already in use anywhere, by this firm or another, is 409
 * number-taken.
 */
export async function addPoolNumber(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; number: string; label?: string },
): Promise<PoolNumberOut> {
  const { actor, number } = input;
  ensureCan(actor, 'settings.manage');
  return deps.db.transaction(async (tx) => {
    const added = await tx
      .insert(firmNumbers)
      .values({ e164: number, firmId: actor.firmId, purpose: 'secure_chat', label: input.label ?? null })
      .onConflictDoNothing()
      .returning({ e164: firmNumbers.e164 });
    if (added.length === 0) throw conflict('number-taken', 'This number is already in use.');
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'secure_chat.number_added',
        targetType: 'firm_number',
        targetId: number,
      },
      deps.clock(),
    );
    const [out] = await poolNumbers(tx, actor.firmId, number);
    return out as PoolNumberOut;
  });
}
