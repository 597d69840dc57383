import { z } from 'zod';
import { singleLine } from '../../platform/http/text';

/** POST /conversations/{id}/opt-out. */
export const conversationOptOutBody = z.strictObject({
  messageId: z
    .uuid()
    .optional()
    .describe(
      "The customer's message that reads like an opt-out, when staff confirm a flagged text (cause revocation); without it, cause staff",
    ),
});

/** POST /sms-consent/opt-out. */
export const numberOptOutBody = z.strictObject({
  phone: singleLine().min(1).max(40).describe("The customer's number, any common format"),
  firmPhone: singleLine().min(1).max(40).describe("One of the firm's numbers, any common format"),
});
