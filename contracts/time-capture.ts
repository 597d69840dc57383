import { z } from 'zod';

const id = z.uuid().describe('UUID');
const isoTime = z.iso.datetime().describe('ISO 8601 UTC time');
const day = z.iso.date().describe('Calendar date YYYY-MM-DD (UTC)');

/** Where a billable event came from. */
export const billableSources = ['secure_chat', 'sms', 'portal', 'email', 'call'] as const;
/** open: to review; converted: became a time entry; dismissed: not billed. */
export const billableStatuses = ['open', 'converted', 'dismissed'] as const;

/** LEDES timekeeper classifications: partner, associate, other counsel, legal assistant, other. */
export const timekeeperClassifications = ['PT', 'AS', 'OC', 'LA', 'OT'] as const;

const matterRef = z
  .object({ id, number: z.string(), name: z.string() })
  .nullable()
  .describe('The matter (null if it no longer exists)');
const userRef = z.object({ id, name: z.string() }).nullable().describe('The timekeeper');

export const billableEventOut = z.object({
  id,
  userId: id.describe('Timekeeper'),
  matterId: id,
  conversationId: id
    .nullable()
    .describe('Where it was captured; null for calls, e-mails and deleted threads'),
  thread: z
    .object({
      id,
      kind: z.string().describe('secure_chat, sms, message, portal_chat'),
      status: z.string().describe('open, ended or closed'),
      matterId: id.nullable(),
      contactId: id.nullable(),
    })
    .nullable()
    .describe('The thread it was captured in, to link to; null for calls, e-mails and deleted threads'),
  source: z.enum(billableSources),
  status: z.enum(billableStatuses),
  startedAt: isoTime,
  endedAt: isoTime,
  durationSeconds: z.number().int(),
  messageCount: z.number().int().describe('Texts of the timekeeper counted (chat sources)'),
  description: z.string(),
  edited: z.boolean().describe('Changed by a person; capture no longer extends it'),
  timeEntryId: id.nullable(),
  matter: matterRef,
  timekeeper: userRef,
  abilities: z.object({
    edit: z.boolean(),
    dismiss: z.boolean(),
    restore: z.boolean(),
    convert: z.boolean(),
  }),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type BillableEventOut = z.infer<typeof billableEventOut>;

export const timeEntryOut = z.object({
  id,
  billableEventId: id,
  userId: id,
  matterId: id,
  source: z.enum(billableSources),
  date: day.describe('Work date'),
  hours: z.number().describe('Billed hours: the duration rounded up to the billing increment'),
  billedMinutes: z.number().int(),
  rate: z.number().describe('Hourly rate in the firm’s currency'),
  rateCents: z.number().int(),
  amount: z.number().describe('hours × rate'),
  amountCents: z.number().int(),
  narrative: z.string(),
  matter: matterRef,
  timekeeper: userRef,
  exportedAt: isoTime.nullable().describe('When an export first included it; null until then'),
  abilities: z
    .object({ edit: z.boolean(), delete: z.boolean() })
    .describe('Edit and delete are possible until the entry is exported'),
  createdAt: isoTime,
});
export type TimeEntryOut = z.infer<typeof timeEntryOut>;

/** What converting events would bill (POST /billable-events/convert/preview). */
export const conversionPreviewOut = z.object({
  incrementMinutes: z.number().int().describe('The firm’s billing increment: durations round up to it'),
  items: z
    .array(
      z.object({
        billableEventId: id,
        durationSeconds: z.number().int().describe('The event’s duration'),
        billedMinutes: z.number().int().describe('The duration rounded up to the increment'),
        hours: z.number().describe('Billed hours'),
        rateCents: z.number().int().describe('The timekeeper’s current hourly rate in cents'),
        rate: z.number().describe('Hourly rate in the firm’s currency'),
        amountCents: z.number().int(),
        amount: z.number().describe('hours × rate'),
        narrative: z.string().describe('The entry’s narrative: the event’s description'),
        matter: matterRef,
        timekeeper: userRef,
      }),
    )
    .describe('One per open event, in the order asked'),
  alreadyConverted: z.array(id).describe('Events already converted: converting them again changes nothing'),
  total: z.object({
    billedMinutes: z.number().int(),
    hours: z.number(),
    amountCents: z.number().int(),
    amount: z.number(),
  }),
});
export type ConversionPreviewOut = z.infer<typeof conversionPreviewOut>;

export const timekeeperOut = z.object({
  id,
  name: z.string(),
  role: z.string(),
  rateCents: z.number().int().nullable().describe('Hourly rate in cents; null when not set (bills at 0)'),
  classification: z.enum(timekeeperClassifications).nullable(),
});
export type TimekeeperOut = z.infer<typeof timekeeperOut>;

export const timeAbilitiesOut = z.object({
  viewAll: z.boolean().describe("May see and work on every timekeeper's time (billing.manage)"),
  setRates: z.boolean().describe("May set timekeepers' rates and classifications"),
});
export type TimeAbilitiesOut = z.infer<typeof timeAbilitiesOut>;

export const timekeepersOut = z.object({
  items: z.array(timekeeperOut),
  abilities: timeAbilitiesOut.describe("What the caller may do with the firm's time"),
});
export type TimekeepersOut = z.infer<typeof timekeepersOut>;
