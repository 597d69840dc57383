// The SMS port: what the conversation core needs from any SMS provider, in Parley's words.
// Adapters (simulator, twilio) translate their provider's shapes into these types and nothing else leaks out.

/** Names of the configured adapters (config SMS_PROVIDER). */
export type SmsProviderName = 'simulator' | 'twilio';

/** Delivery states of an outbound text, in the order they normally happen; undelivered and failed are final. */
export const deliveryStatuses = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'] as const;

/** Delivery state of an outbound text as the provider reports it. */
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** One text to send. */
export interface OutboundSms {
  /** Sender, E.164: the firm number linked to the thread (kept sticky per client). */
  from: string;
  /** Recipient, E.164. */
  to: string;
  /** Text as typed; the provider splits it into segments. */
  body: string;
  /** Stable per logical send (e.g. the outbox job id): a retry with the same key never sends twice. */
  idempotencyKey: string;
  /** Where the provider posts delivery updates; unset means no callbacks. */
  statusCallbackUrl?: string;
}

/** What the provider answered when it accepted a text. */
export interface SendResult {
  /** The provider's id of the text (Twilio MessageSid); delivery updates and retries refer to it. */
  providerId: string;
  /** State at acceptance, usually queued. */
  status: DeliveryStatus;
  /** Segments billed for the text. */
  segments: number;
}

/** A file attached to an inbound MMS, still at the provider. */
export interface InboundMedia {
  /** Where to fetch it (may need the provider's credentials). */
  url: string;
  /** MIME type the provider declared, when it did. */
  contentType: string | null;
}

/** A text a client sent to one of the firm's numbers, normalised from the provider's webhook. */
export interface InboundSms {
  /** The provider's id of the text; the same id twice is the same text (webhook retries). */
  providerId: string;
  /** Client number, E.164. */
  from: string;
  /** Firm number, E.164. */
  to: string;
  /** Text as received (may be empty for a picture-only MMS). */
  body: string;
  /** When Parley received it (providers do not timestamp inbound webhooks). */
  receivedAt: Date;
  /** Attachments of an MMS, in the provider's order. */
  media: InboundMedia[];
}

/** A change in the delivery state of an outbound text. */
export interface DeliveryUpdate {
  /** The provider's id of the text, as returned by send. */
  providerId: string;
  /** New state; may arrive out of order or before send's answer was recorded. */
  status: DeliveryStatus;
  /** Provider error code when undelivered or failed (Twilio 30xxx), to show inline. */
  errorCode?: string;
}

/** Why a send failed, in terms the outbox relay and the UI act on. */
export type SmsSendFailure =
  /** The recipient replied STOP to this sender (Twilio 21610): never retry, record the opt-out. */
  | 'opted-out'
  /** The recipient number cannot receive SMS (Twilio 21211, 21612, 21614). */
  | 'invalid-number'
  /** The provider rejected the credentials: a configuration problem. */
  | 'provider-auth'
  /** Too many requests; try again later. */
  | 'rate-limited'
  /** The provider failed (5xx) or answered something unreadable. */
  | 'provider-unavailable'
  /** The provider could not be reached or did not answer in time. */
  | 'network'
  /** Any other refusal of this particular text. */
  | 'rejected';

const retryableFailures: ReadonlySet<SmsSendFailure> = new Set([
  'rate-limited',
  'provider-unavailable',
  'network',
]);

/** A send that did not go through. `retryable` tells the outbox relay to try again (same key) or dead-letter. */
export class SmsSendError extends Error {
  /** True when the same send may succeed later; false when it never will. */
  readonly retryable: boolean;

  constructor(
    /** Parley's reason. */
    readonly failure: SmsSendFailure,
    message: string,
    readonly details: {
      /** The provider's own error code (Twilio 21610), shown to staff. */
      providerCode?: string;
      /** HTTP status of the provider's answer, when there was one. */
      httpStatus?: number;
      /** Seconds the provider asked us to wait (Retry-After). */
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = 'SmsSendError';
    this.retryable = retryableFailures.has(failure);
  }
}

/** Sends texts through one provider. */
export interface SmsProvider {
  /** Which adapter this is. */
  readonly name: SmsProviderName;
  /** Hands one text to the provider; throws SmsSendError when it was not accepted. */
  send(msg: OutboundSms): Promise<SendResult>;
}
