import { z } from 'zod';

// Message Center (kind `sms`): the setup a firm manages in Settings (groups → locations → campaigns,
// quick replies per group), what a Message Center conversation adds to the common conversation
// shape, the dashboard's filter counts and the consent ledger. Server and web both read this file.

const isoTime = z.iso.datetime().describe('ISO 8601 UTC time');
const id = z.uuid().describe('UUID');

export const groupOut = z.object({
  id,
  name: z.string(),
  createdAt: isoTime,
});
export type Group = z.output<typeof groupOut>;

export const serviceAreaOut = z
  .object({
    centre: z.object({ lat: z.number(), lng: z.number() }).describe('Centre of the service area'),
    postalCode: z.string().nullable().describe('US ZIP code the centre was taken from, when given that way'),
    idealMiles: z.number().positive().describe('Radius of the ideal area'),
    maxMiles: z.number().positive().describe('Radius beyond which the firm does not serve'),
  })
  .describe('Service area of a location');

export const locationOut = z.object({
  id,
  groupId: id,
  name: z.string(),
  serviceArea: serviceAreaOut.nullable(),
  createdAt: isoTime,
});
export type Location = z.output<typeof locationOut>;

export const campaignOut = z.object({
  id,
  locationId: id,
  groupId: id,
  name: z.string(),
  phone: z.string().describe('The firm number customers text (E.164)'),
  teamId: id.describe('Team whose agents receive its conversations'),
  helpText: z.string().describe('Answer to HELP / INFO: the firm name and how to reach it'),
  createdAt: isoTime,
});
export type Campaign = z.output<typeof campaignOut>;

export const quickReplyOut = z.object({
  id,
  groupId: id,
  title: z.string().describe('Short name shown in the menu'),
  body: z.string(),
  createdAt: isoTime,
});
export type QuickReply = z.output<typeof quickReplyOut>;

export const dashboardFilter = z
  .enum(['open', 'waiting', 'unassigned', 'mine', 'closed'])
  .describe('open (default), waiting (customer unanswered), unassigned, mine, closed');
export type DashboardFilter = z.output<typeof dashboardFilter>;

export const alertKind = z.enum(['unclaimed', 'unclaimed_overdue', 'waiting_overdue']);
export type AlertKind = z.output<typeof alertKind>;

/** What an `sms` conversation carries besides the common fields (`messageCenter` on list items and details). */
export const messageCenterOut = z.object({
  customerPhone: z.string().describe('The customer number (E.164)'),
  group: z.object({ id, name: z.string() }),
  location: z.object({ id, name: z.string() }),
  campaign: z.object({ id, name: z.string(), phone: z.string() }),
  team: z.object({ id, name: z.string() }),
  agent: z.object({ id, name: z.string() }).nullable().describe('Who claimed it'),
  claimedAt: isoTime.nullable(),
  waitingSince: isoTime.nullable().describe("Since when the customer's last message is unanswered"),
  closedAt: isoTime.nullable(),
  optedOut: z.boolean().describe('The customer opted out of texts from the campaign number'),
  revocationFlagged: z
    .boolean()
    .describe('A message of the customer reads like a withdrawal of consent and awaits an agent decision'),
});
export type MessageCenterDetails = z.output<typeof messageCenterOut>;

/** `GET /api/v1/message-center/counts`: how many conversations each dashboard filter holds for the caller. */
export const dashboardCountsOut = z.object({
  open: z.number().int(),
  waiting: z.number().int(),
  unassigned: z.number().int(),
  mine: z.number().int(),
  closed: z.number().int(),
  unread: z.number().int().describe('Unread messages across the open conversations the caller sees'),
});
export type DashboardCounts = z.output<typeof dashboardCountsOut>;

export const consentState = z.enum(['opted_in', 'opted_out']);
export const consentCause = z
  .enum(['keyword', 'provider', 'staff', 'revocation'])
  .describe(
    'keyword (STOP/START), provider (carrier answer 21610), staff (by hand), revocation (flagged free text confirmed)',
  );

/** One change of consent for (customer number, firm number), oldest first in the ledger. */
export const consentEntryOut = z.object({
  id,
  phone: z.string().describe('Customer number (E.164)'),
  firmPhone: z.string().describe('Firm number (E.164)'),
  state: consentState,
  cause: consentCause,
  keyword: z.string().nullable(),
  messageId: id.nullable().describe('The inbound message that caused it'),
  byUserId: id.nullable().describe('Staff member who changed it by hand'),
  at: isoTime,
});
export type ConsentEntry = z.output<typeof consentEntryOut>;

/** Where a customer stands against the service area of the conversation's location. */
export const serviceZone = z
  .enum(['ideal', 'max', 'outside'])
  .describe(
    'ideal (within the ideal radius), max (beyond it, within the maximum), outside (beyond the maximum)',
  );
export type ServiceZone = z.output<typeof serviceZone>;

/**
 * The service-area verdict of an `sms` conversation (`serviceArea`): null until the customer's address
 * resolves to a place and the location has a service area.
 */
export const serviceAreaVerdictOut = z.object({
  zone: serviceZone,
  miles: z.number().nonnegative().describe('Miles from the centre of the service area, to one decimal'),
  idealMiles: z.number().positive().describe('Radius of the ideal area of the location'),
  maxMiles: z.number().positive().describe('Radius beyond which the location does not serve'),
});
export type ServiceAreaVerdict = z.output<typeof serviceAreaVerdictOut>;

export const interestedIn = z.enum(['sales', 'service']).describe('What kind of lead: sales or service');
export const preferredTime = z
  .enum(['morning', 'afternoon', 'evening'])
  .describe('Preferred appointment time');

/** A place the geocoder knows (a US ZIP code): `GET /api/v1/geocoder/suggest` answers these. */
export const placeOut = z.object({
  postalCode: z.string().describe('Five-digit US ZIP code'),
  city: z.string(),
  state: z.string().describe('Two-letter state code'),
  lat: z.number().describe('Latitude of the centre of the ZIP code'),
  lng: z.number().describe('Longitude of the centre of the ZIP code'),
  label: z.string().describe('One line naming it: "Boston, MA 02110"'),
});
export type PlaceOut = z.output<typeof placeOut>;

/**
 * What agents noted about the customer of an `sms` conversation (`consumer` in the details), kept per
 * customer number in the firm, so a later conversation from the same number shows it again.
 */
export const consumerOut = z.object({
  name: z.string().nullable().describe('Name of the person texting'),
  address: z.string().nullable().describe('Address they gave'),
  email: z.string().nullable().describe('E-mail address, if they gave one'),
  potentialLead: z
    .boolean()
    .nullable()
    .describe('Whether the conversation could end in a sale (null: not said)'),
  existingCustomer: z.boolean().nullable().describe('Already a customer (only for a potential lead)'),
  interestedIn: interestedIn.nullable().describe('Sales or service (only for a potential lead)'),
  preferredTime: preferredTime
    .nullable()
    .describe('Morning, afternoon or evening (only for a potential lead)'),
  place: z
    .object({ postalCode: z.string(), city: z.string(), state: z.string() })
    .nullable()
    .describe('Where the address resolved to (its ZIP code); null when it names no known ZIP code'),
  updatedAt: isoTime,
});
export type ConsumerOut = z.output<typeof consumerOut>;
