import type { Deps } from '../../deps';
import {
  type AuditInput,
  type AuditVerdict,
  auditActor,
  recordAudit,
  verifyAudit,
} from '../../platform/audit/audit-log';
import { ensureCan, type StaffActor } from '../../platform/http/actor';

/**
 * Verifies a firm's audit chain, then records that it was verified, with the verdict, as a new entry.
 * The walk runs before the append transaction so a long chain does not hold the firm's append lock.
 */
export async function verifyFirmAudit(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { firmId: string; by: Pick<AuditInput, 'actorType' | 'actorId' | 'ip'> },
): Promise<AuditVerdict> {
  const verdict = await verifyAudit(deps.db, input.firmId);
  await deps.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        firmId: input.firmId,
        ...input.by,
        action: 'audit.verified',
        targetType: 'audit_log',
        details: {
          ok: verdict.ok,
          entries: verdict.entries,
          ...(verdict.problem ? { problem: verdict.problem } : {}),
          ...(verdict.firstBadEntryId ? { firstBadEntryId: verdict.firstBadEntryId } : {}),
        },
      },
      deps.clock(),
    ),
  );
  return verdict;
}

/** A staff user (admins and audit.read) verifies their firm's chain; the check is recorded as theirs. */
export async function verifyAuditAs(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip: string | null },
): Promise<AuditVerdict> {
  ensureCan(input.actor, 'audit.read');
  const { firmId, ...by } = auditActor(input.actor, input.ip);
  return verifyFirmAudit(deps, { firmId, by });
}
