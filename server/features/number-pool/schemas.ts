import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import { singleLine } from '../../platform/http/text';

/** A phone number written exactly in E.164 (+ country code and digits) that is a real number. */
const e164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +12025550100')
  .refine((value) => isValidPhoneNumber(value), 'is not a valid phone number')
  .describe('E.164 phone number, e.g. +12025550100');

export const addPoolNumberBody = z.object({
  number: e164,
  label: singleLine().trim().min(1).max(50).optional().describe('Free label, e.g. "Main line"'),
});

export const poolNumberParams = z.object({ number: e164 });

export const poolNumberOut = z.object({
  number: z.string().describe('E.164'),
  label: z.string().nullable(),
  openThreads: z.number().int().describe('Open secure-chat threads using this number'),
  createdAt: z.iso.datetime(),
});

export type PoolNumberOut = z.infer<typeof poolNumberOut>;
