import { z } from 'zod';

const minutes = (max: number) => z.number().int().min(1).max(max);

const recipientRef = z.object({
  type: z.enum(['user', 'team', 'circle']).describe('What the id names'),
  id: z.uuid().describe('User, team or circle id'),
});

export const contactMessaging = z.strictObject({
  restrictToCoordinator: z.boolean().describe('Portal contacts may write only to their coordinator'),
  allowedRecipients: z
    .array(recipientRef)
    .max(100)
    .describe("Users, teams or circles portal contacts may write to (empty: their matters' people)"),
});

export const timeCaptureSettings = z.strictObject({
  enabled: z.boolean().describe('Billable events are captured for the firm'),
  disabledUserIds: z
    .array(z.uuid())
    .max(1000)
    .describe('Users whose time is not captured (see PUT /users/{id}/time-capture)'),
  defaultRateCents: z
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .describe('Hourly rate in cents for timekeepers without their own rate'),
  chatWindowMinutes: minutes(240).describe(
    'A text within this many minutes of the last one extends the billable event',
  ),
  emailDefaultMinutes: minutes(240).describe('Duration of the billable event of an e-mail to a client'),
  incrementMinutes: minutes(60).describe('Billing increment time entries are rounded up to (6 = 0.1 h)'),
  minimumSecondsPerText: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .describe('Time added per text sent, so a single text is not billed as zero'),
  includeContentInDescription: z.boolean().describe('Billable event descriptions may quote message content'),
});

/** How secure-chat texts name their sender and disclose opt-out. */
export const secureChatTextingSettings = z.object({
  senderPrefix: z
    .string()
    .describe(
      'Starts the first text of a thread and any text from another colleague than the last sender; {firm} and {name} are filled in; empty: no prefix',
    ),
  firmDisplayName: z.string().describe("The firm name the prefix uses; empty: the firm's own name"),
  optOutFooter: z
    .string()
    .describe('Ends the first text of a thread (e.g. "Reply STOP to opt out"); empty: none'),
  confirmAboveSegments: z
    .number()
    .int()
    .describe('The composer asks for confirmation before sending a text longer than this many segments'),
  maxSegments: z
    .number()
    .int()
    .describe('Longest text accepted, in segments (prefix and footer included); longer: 422 sms-too-long'),
});

/** Every setting, as GET answers them (defaults filled in). */
export const settingsOut = z.object({
  emailMode: z
    .enum(['privacy', 'convenience'])
    .describe('privacy: e-mails only say a message is waiting; convenience: they carry the content'),
  replyByEmail: z.boolean().describe('Clients may answer notification e-mails by replying'),
  clientThreadNotify: z
    .enum(['assignees', 'assignees_and_owner', 'all', 'none'])
    .describe("Who is notified of a client's new thread"),
  contactMessaging,
  readNotifyUserIds: z.array(z.uuid()).max(100).describe('Users told when a client reads a message'),
  timeZone: z
    .string()
    .describe(
      'IANA time zone the firm works in (e.g. America/New_York): clock times in billable event descriptions, work dates of time entries and export dates are written in it',
    ),
  secureChatEnabled: z.boolean().describe('Secure Chat is on: staff may start threads'),
  timeCapture: timeCaptureSettings,
  alertMinutes: minutes(1440).describe('Minutes before an unclaimed or waiting conversation raises an alert'),
  secureChatMaxOpenPerClient: z
    .number()
    .int()
    .min(1)
    .max(20)
    .describe('Open secure-chat threads one user may hold with one client (contact), whatever the phone'),
  secureChatTexting: secureChatTextingSettings,
  smsHelpText: z
    .string()
    .describe(
      'The answer to HELP or INFO texted to any firm number; {firm} and {phone} (the number texted) are filled in',
    ),
});
