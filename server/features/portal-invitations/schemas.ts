import { z } from 'zod';
import { portalStatus } from '../../../contracts/contacts';
import { singleLine } from '../../platform/http/text';
import { MIN_PORTAL_PASSWORD_LENGTH } from './model';

export const invitationParams = z.object({ id: z.uuid().describe('The contact id') });

export const inviteBody = z
  .object({
    email: singleLine()
      .trim()
      .min(3)
      .max(320)
      .optional()
      .describe("One of the contact's e-mail addresses; default: its first"),
  })
  .default({});

export const invitationOut = z.object({
  contactId: z.uuid(),
  email: z.string().describe('Where the activation link was sent'),
  portal: z.object({ status: portalStatus }),
  expiresAt: z.iso.datetime().describe('When the link stops working (ISO 8601 UTC)'),
});

export const activateBody = z.object({
  token: singleLine().trim().min(1).max(200).describe('The token of the activation link'),
  password: singleLine()
    .min(MIN_PORTAL_PASSWORD_LENGTH, `must be at least ${MIN_PORTAL_PASSWORD_LENGTH} characters`)
    .max(1024)
    .describe(`The new portal password, at least ${MIN_PORTAL_PASSWORD_LENGTH} characters`),
});
