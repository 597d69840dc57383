import { DEFAULT_TIME_ZONE } from '../../../contracts/time-zone';

/** A firm's settings document (stored as JSON on the firm row; missing fields take the defaults). */
export interface FirmSettings {
  /** privacy: e-mails only say a message is waiting; convenience: e-mails carry the content. */
  emailMode: 'privacy' | 'convenience';
  /** Clients may answer notification e-mails by replying. */
  replyByEmail: boolean;
  /** Who is notified of a client's new thread. */
  clientThreadNotify: 'assignees' | 'assignees_and_owner' | 'all' | 'none';
  contactMessaging: {
    /** Portal contacts may write only to their coordinator. */
    restrictToCoordinator: boolean;
    /** Users, teams or circles portal contacts may write to (empty: their matters' people). */
    allowedRecipients: { type: 'user' | 'team' | 'circle'; id: string }[];
  };
  /** Users told when a client reads a message. */
  readNotifyUserIds: string[];
  /** IANA time zone of the firm's day: description clock times, work dates, export dates. */
  timeZone: string;
  /** Secure Chat is switched on for the firm; off, no thread can be started. */
  secureChatEnabled: boolean;
  timeCapture: {
    /** Billable events are captured for the firm; off, texts and e-mails create none. */
    enabled: boolean;
    /** Users whose time is never captured (their own switch is off). */
    disabledUserIds: string[];
    /** Hourly rate in cents for timekeepers without a rate of their own. */
    defaultRateCents: number;
    chatWindowMinutes: number;
    emailDefaultMinutes: number;
    incrementMinutes: number;
    minimumSecondsPerText: number;
    includeContentInDescription: boolean;
  };
  /** Minutes before an unclaimed or waiting Message Center conversation raises an alert. */
  alertMinutes: number;
  /** Open secure-chat threads one user may hold with one client (contact), whatever the phone. */
  secureChatMaxOpenPerClient: number;
  /** How secure-chat texts to clients are framed and limited (features/secure-chat/sender-prefix.ts). */
  secureChatTexting: {
    /** Prefix of a text that names its sender; {firm} and {name} are filled in; empty: no prefix. */
    senderPrefix: string;
    /** The firm name the prefix uses; empty: the firm's own name. */
    firmDisplayName: string;
    /** Added to the first text of a thread; empty: none. */
    optOutFooter: string;
    /** The composer asks for confirmation above this many segments. */
    confirmAboveSegments: number;
    /** Texts longer than this many segments are refused. */
    maxSegments: number;
  };
  /** The answer to HELP/INFO texted to any firm number; {firm} and {phone} (the number texted) are filled in. */
  smsHelpText: string;
}

/** A partial update: every field optional, nested objects too. */
export type SettingsPatch = {
  [K in keyof FirmSettings]?: FirmSettings[K] extends unknown[]
    ? FirmSettings[K]
    : FirmSettings[K] extends object
      ? Partial<FirmSettings[K]>
      : FirmSettings[K];
};

/** The help text a firm starts with (CTIA: the business name and how to reach it). */
export const DEFAULT_SMS_HELP_TEXT =
  '{firm}: for help, call or text us at {phone}. Msg & data rates may apply. Reply STOP to unsubscribe.';

export const DEFAULT_SETTINGS: FirmSettings = {
  emailMode: 'privacy',
  replyByEmail: false,
  clientThreadNotify: 'assignees',
  contactMessaging: { restrictToCoordinator: false, allowedRecipients: [] },
  readNotifyUserIds: [],
  timeZone: DEFAULT_TIME_ZONE,
  secureChatEnabled: true,
  timeCapture: {
    enabled: true,
    disabledUserIds: [],
    defaultRateCents: 0,
    chatWindowMinutes: 10,
    emailDefaultMinutes: 6,
    incrementMinutes: 6,
    minimumSecondsPerText: 60,
    includeContentInDescription: false,
  },
  alertMinutes: 5,
  secureChatMaxOpenPerClient: 3,
  secureChatTexting: {
    senderPrefix: '{firm} - {name}:',
    firmDisplayName: '',
    optOutFooter: 'Reply STOP to opt out',
    confirmAboveSegments: 3,
    maxSegments: 10,
  },
  smsHelpText: DEFAULT_SMS_HELP_TEXT,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Applies a patch over settings: nested objects merge field by field, arrays and scalars replace.
 * Fields the patch leaves out (or sets to undefined) keep their value.
 */
export function mergeSettings(base: FirmSettings, patch: SettingsPatch): FirmSettings {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? mergeDefined(current, value) : value;
  }
  return out as unknown as FirmSettings;
}

function mergeDefined(base: Record<string, unknown>, patch: Record<string, unknown>) {
  const out = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) out[key] = value;
  return out;
}
