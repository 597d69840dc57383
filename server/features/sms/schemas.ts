import { z } from 'zod';
import { multiLine, singleLine } from '../../platform/http/text';

/** Twilio's webhook form fields (a repeated field arrives as a list); checked against X-Twilio-Signature. */
export const twilioWebhookBody = z
  .record(singleLine(), z.union([multiLine(), z.array(multiLine())]))
  .describe(
    'Form fields of an inbound message (From, To, Body, MessageSid …) or a status callback (MessageSid, MessageStatus, ErrorCode …)',
  );

/** A text the simulated client sends. */
export const devInboundBody = z.object({
  from: singleLine().min(1).max(40).describe("The client's phone, any common format"),
  to: singleLine().min(1).max(40).describe("One of the firm's numbers, any common format"),
  body: multiLine().max(1600).describe('The text'),
  id: singleLine()
    .min(1)
    .max(64)
    .optional()
    .describe('Provider message id; sending the same id twice stores the text once (like a webhook retry)'),
});
export type DevInboundBody = z.infer<typeof devInboundBody>;

export const devInboundOut = z.object({
  result: z
    .enum(['stored', 'duplicate', 'unknown-number', 'unlinked', 'campaign'])
    .describe(
      'stored in a thread; duplicate id; no firm owns the number; no open thread links the pair; campaign number',
    ),
  conversationId: z
    .string()
    .optional()
    .describe('The thread it landed in (stored), or the ended thread it was kept on (unlinked)'),
  messageId: z.string().optional().describe('The stored message (stored, or kept after the end)'),
  autoReplied: z.boolean().optional().describe('Whether the client was sent the automatic reply (unlinked)'),
});

export const devOutboxQuery = z.object({
  to: singleLine().min(1).max(40).optional().describe('Only texts to this phone (any common format)'),
});

export const devOutboxOut = z.object({
  items: z
    .array(
      z.object({
        id: z.string().describe('Provider id of the text'),
        from: z.string(),
        to: z.string(),
        body: z.string(),
        segments: z.number().int(),
        at: z.iso.datetime(),
      }),
    )
    .describe('Texts the simulated phones received, oldest first'),
});
