import { z } from 'zod';
import { billableStatuses, timekeeperClassifications } from '../../../contracts/time-capture';
import { pageQuery } from '../../platform/http/pagination';
import { singleLine } from '../../platform/http/text';

const id = z.uuid().describe('UUID');
const isoTime = z.iso.datetime().describe('ISO 8601 UTC time');
const day = z.iso.date().describe('Calendar date YYYY-MM-DD (UTC)');
const description = singleLine().trim().min(1).max(2000).describe('What the time was spent on');

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
