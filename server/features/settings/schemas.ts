import { z } from 'zod';
import { contactMessaging, settingsOut, timeCaptureSettings } from '../../../contracts/settings';
import { isTimeZone } from '../../../contracts/time-zone';
import { singleLine } from '../../platform/http/text';

/** The texting options as a patch may set them (control characters refused, like every incoming string). */
const secureChatTexting = z.strictObject({
  senderPrefix: singleLine()
    .max(80)
    .describe(
      'Starts the first text of a thread and any text from another colleague than the last sender; {firm} and {name} are filled in; empty: no prefix',
    ),
  firmDisplayName: singleLine().max(60).describe("The firm name the prefix uses; empty: the firm's own name"),
  optOutFooter: singleLine()
    .max(80)
    .describe('Ends the first text of a thread (e.g. "Reply STOP to opt out"); empty: none'),
  confirmAboveSegments: z
    .number()
    .int()
    .min(1)
    .max(10)
    .describe('The composer asks for confirmation before sending a text longer than this many segments'),
  maxSegments: z
    .number()
    .int()
    .min(1)
    .max(10)
    .describe('Longest text accepted, in segments (prefix and footer included); longer: 422 sms-too-long'),
});

/** An IANA time zone name this server's Intl knows; anything else is a 400 naming the field. */
const timeZoneName = singleLine()
  .max(64)
  .refine(isTimeZone, 'is not a time zone name such as America/New_York, Europe/London or UTC')
  .describe(settingsOut.shape.timeZone.description ?? 'IANA time zone');

/** A partial update: fields left out keep their value; nested objects merge field by field. */
export const settingsPatchBody = z.strictObject({
  emailMode: settingsOut.shape.emailMode.optional(),
  replyByEmail: settingsOut.shape.replyByEmail.optional(),
  clientThreadNotify: settingsOut.shape.clientThreadNotify.optional(),
  contactMessaging: contactMessaging.partial().optional(),
  readNotifyUserIds: settingsOut.shape.readNotifyUserIds.optional(),
  timeZone: timeZoneName.optional(),
  secureChatEnabled: settingsOut.shape.secureChatEnabled.optional(),
  timeCapture: timeCaptureSettings.partial().optional(),
  alertMinutes: settingsOut.shape.alertMinutes.optional(),
  secureChatMaxOpenPerClient: settingsOut.shape.secureChatMaxOpenPerClient.optional(),
  secureChatTexting: secureChatTexting.partial().optional(),
  smsHelpText: singleLine()
    .min(1)
    .max(320)
    .optional()
    .describe(
      'The answer to HELP or INFO (at most two segments): the firm name and how to reach it; {firm} and {phone} (the number texted) are filled in',
    ),
});
export type SettingsPatchBody = z.infer<typeof settingsPatchBody>;
