import { z } from 'zod';
import { interestedIn, preferredTime } from '../../../contracts/message-center';
import { email } from '../../platform/http/fields';
import { searchQuery, singleLine } from '../../platform/http/text';

// Request shapes of the consumer details and the address type-ahead.

/** PUT /conversations/:id/consumer: every field may be null or left out (no answer). */
export const consumerBody = z.object({
  name: singleLine().trim().max(200).nullable().optional().describe('Name of the person texting'),
  address: singleLine()
    .trim()
    .max(500)
    .nullable()
    .optional()
    .describe('Address they gave; its US ZIP code places it for the service area'),
  email: email.nullable().optional().describe('E-mail address, if they gave one'),
  potentialLead: z.boolean().nullable().optional().describe('Whether the conversation could end in a sale'),
  existingCustomer: z
    .boolean()
    .nullable()
    .optional()
    .describe('Already a customer (kept only for a potential lead)'),
  interestedIn: interestedIn
    .nullable()
    .optional()
    .describe('Sales or service (kept only for a potential lead)'),
  preferredTime: preferredTime
    .nullable()
    .optional()
    .describe('Morning, afternoon or evening (kept only for a potential lead)'),
});
export type ConsumerBody = z.output<typeof consumerBody>;

/** GET /geocoder/suggest. */
export const suggestQuery = z.object({
  q: searchQuery().describe('The address as typed so far: a ZIP code or its start, a city, "city, ST"'),
  limit: z.coerce.number().int().min(1).max(20).default(8).describe('At most this many places'),
});
