import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination';
import { singleLine } from '../../platform/http/text';
import { billableSources, billableStatuses } from './model';

const id = z.uuid().describe('UUID');
const isoTime = z.iso.datetime().describe('ISO 8601 UTC time');
const day = z.iso.date().describe('Calendar date YYYY-MM-DD (UTC)');
const description = singleLine().trim().min(1).max(2000).describe('What the time was spent on');

/** LEDES timekeeper classifications: partner, associate, other counsel, legal assistant, other. */
export const timekeeperClassifications = ['PT', 'AS', 'OC', 'LA', 'OT'] as const;

/**
 * A time bound of a list filter: an ISO time with offset, or a date (from: start of that UTC day;
 * to: end of that UTC day, so a one-day range is from=to=that date).
 */
const bound = (edge: 'from' | 'to') =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .transform((value) => {
      if (value.length > 10) return new Date(value);
      const start = new Date(`${value}T00:00:00.000Z`);
      return edge === 'from' ? start : new Date(start.getTime() + 86_400_000 - 1);
    })
    .describe(`ISO time, or a date meaning the ${edge === 'from' ? 'start' : 'end'} of that UTC day`);

export const idParams = z.object({ id: id.describe('Billable event id') });

export const listBillableEventsQuery = pageQuery.extend({
  status: z.enum(billableStatuses).optional().describe('open, converted or dismissed'),
  userId: id.optional().describe('Timekeeper (billing managers; others may only name themselves)'),
  matterId: id.optional(),
  from: bound('from').optional().describe('Events started at or after'),
  to: bound('to').optional().describe('Events started at or before'),
});

const loggedContact = id
  .optional()
  .describe('The client it was with: a contact linked to the matter, named in the default description');

export const logBillableEventBody = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('call').describe('A call: timed (start and end) or with a duration entered'),
    matterId: id,
    contactId: loggedContact,
    startedAt: isoTime.describe('When the call was placed'),
    endedAt: isoTime
      .optional()
      .describe('When it ended (after startedAt, at most 24 hours later); or give durationSeconds'),
    durationSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .optional()
      .describe('How long it lasted, 1 s to 24 h, instead of endedAt'),
    description: description
      .optional()
      .describe('Defaults to "Call with <contact> re <matter> (<start>–<end>)"'),
  }),
  z.object({
    source: z.literal('email').describe('An e-mail to a client: the firm’s default e-mail duration'),
    matterId: id,
    contactId: loggedContact,
    sentAt: isoTime.describe('When the e-mail was sent'),
    description: description.optional().describe('Defaults to "E-mail to <contact> re <matter> (<time>)"'),
  }),
]);

export const updateBillableEventBody = z
  .object({
    durationSeconds: z.number().int().min(1).max(86_400).optional().describe('Seconds, 1 to 24 hours'),
    description: description.optional(),
    matterId: id.optional().describe('Book the time to another matter'),
    status: z
      .enum(['dismissed', 'open'])
      .optional()
      .describe('dismissed: not billable; open: restore a dismissed event'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' });

export const convertManyBody = z.object({
  ids: z
    .array(id)
    .min(1)
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'lists an event twice' })
    .describe('Billable events to convert (all or none)'),
});

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

export const timeEntryParams = z.object({ id: id.describe('Time entry id') });

export const updateTimeEntryBody = z
  .object({
    durationSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .optional()
      .describe('Time worked, 1 s to 24 h: billed rounded up to the billing increment, at the entry’s rate'),
    narrative: description.optional().describe('What the time was spent on'),
    date: day.optional().describe('Work date'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' });

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

export const listTimeEntriesQuery = pageQuery.extend({
  userId: id.optional().describe('Timekeeper (billing managers; others may only name themselves)'),
  matterId: id.optional(),
  from: day.optional().describe('Work dates on or after'),
  to: day.optional().describe('Work dates on or before'),
});

export const exportQuery = z.object({
  format: z.enum(['ledes1998b', 'csv']).describe('LEDES 1998B (pipe-delimited) or CSV'),
  from: day.optional().describe('Work dates on or after'),
  to: day.optional().describe('Work dates on or before'),
  userId: id.optional(),
  matterId: id.optional(),
});

export const timekeeperOut = z.object({
  id,
  name: z.string(),
  role: z.string(),
  rateCents: z.number().int().nullable().describe('Hourly rate in cents; null when not set (bills at 0)'),
  classification: z.enum(timekeeperClassifications).nullable(),
});

export const setRateBody = z.object({
  rateCents: z.number().int().min(0).max(100_000_00).describe('Hourly rate in cents'),
  classification: z.enum(timekeeperClassifications).nullable().optional().describe('LEDES classification'),
});

export type ListBillableEventsQuery = z.output<typeof listBillableEventsQuery>;
export type LogBillableEventBody = z.output<typeof logBillableEventBody>;
export type UpdateBillableEventBody = z.output<typeof updateBillableEventBody>;
export type ListTimeEntriesQuery = z.output<typeof listTimeEntriesQuery>;
export type UpdateTimeEntryBody = z.output<typeof updateTimeEntryBody>;
export type ExportQuery = z.output<typeof exportQuery>;
export type SetRateBody = z.output<typeof setRateBody>;
