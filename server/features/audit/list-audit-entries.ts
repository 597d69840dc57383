import type { Deps } from '../../deps';
import { type AuditEntry, auditActor, listAudit, recordAudit } from '../../platform/audit/audit-log';
import { ensureCan, type StaffActor } from '../../platform/http/actor';

export interface ListAuditEntriesInput {
  actor: StaffActor;
  ip: string | null;
  from?: Date;
  to?: Date;
  action?: string;
  /** Only entries older than this seq (the previous page's last). */
  beforeSeq?: number;
  /** Rows to fetch (page size + 1 to know whether another page follows). */
  limit: number;
}

/**
 * A page of the actor's firm's audit log, newest first (admins and audit.read). Reading the log is
 * itself recorded, after the page is read, so the page shows the log as it was before this read.
 */
export function listAuditEntries(deps: Pick<Deps, 'db' | 'clock'>, input: ListAuditEntriesInput) {
  const { actor, ip, ...query } = input;
  ensureCan(actor, 'audit.read');
  return deps.db.transaction(async (tx): Promise<AuditEntry[]> => {
    const rows = await listAudit(tx, actor.firmId, query);
    await recordAudit(
      tx,
      {
        ...auditActor(actor, ip),
        action: 'audit.read',
        targetType: 'audit_log',
        details: {
          from: query.from?.toISOString() ?? null,
          to: query.to?.toISOString() ?? null,
          action: query.action ?? null,
          beforeSeq: query.beforeSeq ?? null,
          returned: rows.length,
        },
      },
      deps.clock(),
    );
    return rows;
  });
}
