import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination';
import { singleLine } from '../../platform/http/text';

const isoTime = z.iso.datetime({ offset: true }).describe('ISO 8601 time');

export const listAuditQuery = pageQuery.extend({
  from: isoTime.optional().describe('Only entries at or after this time'),
  to: isoTime.optional().describe('Only entries at or before this time'),
  action: singleLine()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Only entries of this action, e.g. "auth.login" or "conversation.deleted"'),
});

export type ListAuditQuery = z.output<typeof listAuditQuery>;
