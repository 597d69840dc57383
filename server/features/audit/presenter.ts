import type { AuditEntryOut } from '../../../contracts/audit';
import type { AuditEntry } from '../../platform/audit/audit-log';

/** An audit entry as an administrator sees it, with the hashes needed to check the chain offline. */
export function presentAuditEntry(e: AuditEntry): AuditEntryOut {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    ip: e.ip,
    details: (e.details ?? {}) as Record<string, unknown>,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}
