import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { verifyFirmAudit } from '../features/audit/verify-firm-audit';
import type { AuditVerdict } from '../platform/audit/audit-log';
import { firms } from '../platform/db/schema';
import { defineCommand } from './command';

/** One line per firm: what verified, or exactly what is wrong. */
export function describeVerdict(firm: { id: string; name: string }, v: AuditVerdict): string {
  const who = `firm ${firm.id} (${firm.name})`;
  if (v.ok) return `ok      ${who}: ${v.entries} entries verified`;
  switch (v.problem) {
    case 'truncated':
      return `BROKEN  ${who}: entries after seq ${v.lastSeq} are missing (the chain head is at seq ${v.headSeq})`;
    case 'head-missing':
      return `BROKEN  ${who}: the chain head record is missing`;
    default:
      return `BROKEN  ${who}: first bad entry ${v.firstBadEntryId} (entry ${v.entries} of the chain)`;
  }
}

export const verifyAuditCommand = defineCommand({
  name: 'verify-audit',
  synopsis: '[--firm F]',
  summary: "verify every firm's audit hash chain (or one firm's); exit code 1 names the first bad entry",
  options: { firm: { type: 'string' } },
  args: z.object({ firm: z.uuid().optional() }),
  async run(ctx, args) {
    const q = ctx.deps.db.select({ id: firms.id, name: firms.name }).from(firms);
    const list = await (args.firm ? q.where(eq(firms.id, args.firm)) : q.orderBy(asc(firms.id)));
    if (args.firm && list.length === 0) {
      ctx.err('--firm: no firm has this id\n');
      return 2;
    }
    let broken = 0;
    for (const firm of list) {
      const verdict = await verifyFirmAudit(ctx.deps, { firmId: firm.id, by: { actorType: 'system' } });
      if (!verdict.ok) broken++;
      ctx.out(`${describeVerdict(firm, verdict)}\n`);
    }
    if (list.length === 0) ctx.out('No firms yet.\n');
    return broken === 0 ? 0 : 1;
  },
});
