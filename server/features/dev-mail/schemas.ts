import { z } from 'zod';
import { singleLine } from '../../platform/http/text';

export const devMailQuery = z.object({
  to: singleLine()
    .trim()
    .max(320)
    .optional()
    .describe('Only e-mails to this address (any letter case); empty or absent: all'),
});

export const devMailOut = z.object({
  items: z
    .array(
      z.object({
        id: z.string().describe('Id of the e-mail in the dev mailbox'),
        from: z.string(),
        to: z.string(),
        subject: z.string(),
        text: z.string().describe('Plain-text version'),
        html: z.string().describe('HTML version (render it sandboxed)'),
        messageId: z.string().describe('Message-ID header'),
        at: z.iso.datetime(),
      }),
    )
    .describe('E-mails the dev mailbox received, oldest first'),
});
