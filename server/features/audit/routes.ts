import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditPage, auditVerdictOut } from '../../../contracts/audit';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { invalidField } from '../../platform/http/problem';
import { listAuditEntries } from './list-audit-entries';
import { presentAuditEntry } from './presenter';
import { listAuditQuery } from './schemas';
import { verifyAuditAs } from './verify-firm-audit';

/** The cursor of the audit list is the seq of the previous page's last (oldest) entry. */
function beforeSeqOf(cursor: string | undefined): number | undefined {
  const [seq] = decodeCursor(cursor, ['seq']) ?? [];
  return seq === undefined ? undefined : Number(seq);
}

export async function auditRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: "The firm's audit log, newest first (admins and audit.read); the read is itself audited",
        querystring: listAuditQuery,
        response: { 200: auditPage },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const q = request.query;
      const from = q.from ? new Date(q.from) : undefined;
      const to = q.to ? new Date(q.to) : undefined;
      if (from && to && from > to) throw invalidField('query.to', 'must not be before from');
      const rows = await listAuditEntries(deps, {
        actor,
        ip: request.ip,
        from,
        to,
        action: q.action,
        beforeSeq: beforeSeqOf(q.cursor),
        limit: q.limit + 1,
      });
      return toPage(rows, q.limit, presentAuditEntry, (e) => [String(e.seq)]);
    },
  );

  r.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: "Checks the firm's hash chain end to end and names the first entry that does not verify",
        response: { 200: auditVerdictOut },
      },
    },
    async (request) => verifyAuditAs(deps, { actor: requireStaff(request), ip: request.ip }),
  );
}
