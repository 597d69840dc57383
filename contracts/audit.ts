import { z } from 'zod';
import { pageOf } from './page';

export const auditEntryOut = z.object({
  id: z.uuid().describe('Entry id'),
  seq: z.number().int().describe("Position in the firm's chain, from 1"),
  at: z.iso.datetime().describe('When it happened (ISO 8601 UTC)'),
  actorType: z.string().describe('user, contact, system, api_token or anonymous'),
  actorId: z.string().nullable().describe('Id of the user, contact or token that acted'),
  action: z.string().describe('What happened, e.g. "user.created"'),
  targetType: z.string().nullable().describe('Kind of object acted on'),
  targetId: z.string().nullable().describe('Id of the object acted on'),
  ip: z.string().nullable().describe('Client address of the request'),
  details: z.record(z.string(), z.unknown()).describe('Metadata; never message content or secrets'),
  hash: z.string().describe('SHA-256 (hex) of this entry including prevHash'),
  prevHash: z.string().describe("Hash of the previous entry (64 zeros for a chain's first entry)"),
});
export type AuditEntryOut = z.output<typeof auditEntryOut>;

export const auditPage = pageOf(auditEntryOut);

export const auditVerdictOut = z.object({
  ok: z
    .boolean()
    .describe('True when every entry links to its predecessor, matches its hash and none are missing'),
  entries: z.number().int().describe('Entries checked'),
  firstBadEntryId: z.uuid().optional().describe('The first entry that does not verify'),
  problem: z
    .enum(['bad-entry', 'truncated', 'head-missing'])
    .optional()
    .describe(
      'bad-entry: see firstBadEntryId; truncated: entries after lastSeq were removed; head-missing: the chain head record was removed',
    ),
  lastSeq: z.number().int().optional().describe('Seq of the newest stored entry'),
  headSeq: z.number().int().optional().describe('Seq of the newest entry as recorded when it was appended'),
});
