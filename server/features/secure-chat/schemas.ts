import { z } from 'zod';
import { consentStatusOut } from '../../../contracts/sms-consent';
import { singleLine } from '../../platform/http/text';

/** Body of a client-number change. */
export const changeContactPhoneBody = z.object({
  contactPhone: singleLine()
    .min(1)
    .max(40)
    .describe("Another of the contact's phone numbers, any common format"),
});

/** What the caller's next text in a thread carries, and the firm's segment thresholds. */
export const textingOut = z.object({
  prefix: z.string().nullable().describe('Starts the next text ("Firm – Name:"); null when none is added'),
  footer: z
    .string()
    .nullable()
    .describe('Ends the next text (opt-out footer on the first text); null when none'),
  confirmAboveSegments: z
    .number()
    .int()
    .describe('Ask for confirmation before sending more segments than this'),
  maxSegments: z
    .number()
    .int()
    .describe('Texts longer than this many segments are refused (422 sms-too-long)'),
  consent: consentStatusOut
    .nullable()
    .describe(
      "The client's consent to texts from the thread's number (opted out: the composer is disabled); null without a phone",
    ),
});
