import { z } from 'zod';

// The secure chat of a Message Center conversation: the invitation as staff see it, and the customer's
// side (the public page /m/<token>): the link's state, the chat's messages and the live stream frames.
// Server and web both read this file.

const isoTime = z.iso.datetime().describe('ISO 8601 UTC time');
const id = z.uuid().describe('UUID');

/** How long a secure chat link stays usable after it is sent. */
export const SECURE_INVITE_HOURS = 24;
/** How long a texted code stays valid. */
export const SECURE_CODE_MINUTES = 10;
/** The least time between two codes texted for one link. */
export const SECURE_CODE_RESEND_SECONDS = 60;
/** Codes one link may have texted in all. */
export const SECURE_CODE_MAX_SENDS = 5;
/** Wrong codes after which the link is burnt. */
export const SECURE_CODE_MAX_WRONG = 5;

export const secureInviteStatus = z
  .enum(['invited', 'accepted', 'expired', 'revoked', 'burnt'])
  .describe(
    'invited: texted, not yet verified; accepted: the customer verified on one device; expired; revoked by a newer invite or the conversation closing; burnt: too many wrong codes',
  );
export type SecureInviteStatus = z.infer<typeof secureInviteStatus>;

/** The newest secure chat invitation of a conversation, as its agents see it. */
export const secureInviteOut = z.object({
  id,
  conversationId: id,
  status: secureInviteStatus,
  invitedBy: id,
  invitedByName: z.string().nullable(),
  createdAt: isoTime,
  expiresAt: isoTime,
  openedAt: isoTime.nullable().describe('When the customer first opened the link'),
  acceptedAt: isoTime.nullable().describe('When the customer verified the code'),
});
export type SecureInviteOut = z.infer<typeof secureInviteOut>;

/** GET /conversations/:id/secure-invite: the newest invitation, or null when none was sent. */
export const secureInviteStateOut = z.object({ invite: secureInviteOut.nullable() });
export type SecureInviteStateOut = z.infer<typeof secureInviteStateOut>;

/** The customer's page state for a usable link (a link that is not usable answers 404 or 410). */
export const customerInviteOut = z.object({
  business: z.string().describe('Who the customer is chatting with (the firm)'),
  phoneHint: z.string().describe('The last digits of the number codes are texted to'),
  status: z
    .enum(['code_required', 'joined'])
    .describe('code_required: verify with a texted code; joined: this device is the chat'),
  codeSentAt: isoTime.nullable(),
  resendAt: isoTime.nullable().describe('When another code may be asked for'),
  expiresAt: isoTime,
  csrfToken: z.string().nullable().describe('For the verified device: send as x-csrf-token on writes'),
});
export type CustomerInviteOut = z.infer<typeof customerInviteOut>;

/** A message of the chat as the customer sees it: public messages only, never notes. */
export const customerMessageOut = z.object({
  id,
  from: z.enum(['customer', 'business']),
  body: z.string(),
  channel: z.enum(['sms', 'secure']).describe('Texted earlier, or written in the secure chat'),
  createdAt: isoTime,
});
export type CustomerMessageOut = z.infer<typeof customerMessageOut>;

export const customerMessagesOut = z.object({ items: z.array(customerMessageOut) });

/** A frame of the customer's live stream (server-sent events, one JSON object per event). */
export const customerStreamFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('message'), message: customerMessageOut }),
  z.object({ type: z.literal('resync') }),
  z.object({ type: z.literal('ended'), reason: z.string() }),
]);
export type CustomerStreamFrame = z.infer<typeof customerStreamFrame>;
