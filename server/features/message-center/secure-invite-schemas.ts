import { z } from 'zod';
import { id } from '../../platform/http/fields';
import { multiLine, singleLine } from '../../platform/http/text';

// Request shapes of the secure chat invitation: the customer's link (token) and what its page sends.

export const tokenParams = z.object({
  token: singleLine().min(1).max(200).describe('The token of the secure chat link (<firmId>.<secret>)'),
});

export const verifyBody = z.object({
  code: singleLine().min(1).max(12).describe('The six-digit code texted to the customer'),
});

export const customerMessageBody = z.object({
  id: id
    .optional()
    .describe('Client-chosen id: sending the same id again stores nothing new and answers 200'),
  body: multiLine()
    .max(10_000)
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .describe('The message text'),
});
