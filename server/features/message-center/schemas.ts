import { z } from 'zod';
import { id, name, phoneNumber } from '../../platform/http/fields';
import { pageQuery } from '../../platform/http/pagination';
import { multiLine, singleLine } from '../../platform/http/text';

// Request shapes of the Message Center setup (Settings) and dashboard; answers are in
// contracts/message-center.ts.

export const idParams = z.object({ id });

export const listGroupsQuery = pageQuery;
export const groupBody = z.object({ name });

const miles = z.number().positive().max(5000).describe('Miles');
/** A service area: centre from lat/lng (a ZIP code alone is kept but gives no centre yet), ideal and max radii. */
export const serviceAreaBody = z
  .object({
    // Digits and one hyphen only: the ZIP pattern is also the control-character rule.
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}(-\d{4})?$/, 'must be a US ZIP code such as 02110')
      .optional()
      .describe('US ZIP code'),
    lat: z.number().min(-90).max(90).describe('Latitude of the centre'),
    lng: z.number().min(-180).max(180).describe('Longitude of the centre'),
    idealMiles: miles.describe('Radius of the ideal area'),
    maxMiles: miles.describe('Radius beyond which the firm does not serve'),
  })
  .superRefine((v, ctx) => {
    if (v.maxMiles < v.idealMiles)
      ctx.addIssue({ code: 'custom', path: ['maxMiles'], message: 'must be at least idealMiles' });
  });

export const listLocationsQuery = pageQuery.extend({ groupId: id.optional().describe('Only this group') });
export const createLocationBody = z.object({
  groupId: id,
  name,
  serviceArea: serviceAreaBody.nullable().optional(),
});
export const updateLocationBody = z.object({
  name: name.optional(),
  serviceArea: serviceAreaBody.nullable().optional().describe('null removes the service area'),
});

const helpText = multiLine().trim().max(320).describe('Answer to HELP / INFO: firm name and how to reach it');
export const listCampaignsQuery = pageQuery.extend({
  locationId: id.optional().describe('Only this location'),
});
export const createCampaignBody = z.object({
  locationId: id,
  name,
  phone: phoneNumber.describe('The number customers text, any common format; stored as E.164'),
  teamId: id.describe('Team whose agents answer'),
  helpText: helpText.optional(),
});
export const updateCampaignBody = z.object({
  name: name.optional(),
  teamId: id.optional(),
  helpText: helpText.optional(),
});

export const listQuickRepliesQuery = pageQuery.extend({ groupId: id.optional().describe('Only this group') });
const title = singleLine().trim().min(1).max(80).describe('Short name shown in the menu');
const replyBody = multiLine()
  .max(1600)
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .describe('The text inserted into the composer');
export const createQuickReplyBody = z.object({ groupId: id, title, body: replyBody });
export const updateQuickReplyBody = z.object({ title: title.optional(), body: replyBody.optional() });

export const countsQuery = z.object({ teamId: id.optional().describe('Only this team') });
