import {
  SECURE_CODE_MAX_SENDS,
  SECURE_CODE_MAX_WRONG,
  SECURE_CODE_RESEND_SECONDS,
  type SecureInviteStatus,
} from '../../../contracts/secure-invites';

// Pure rules of the secure chat invitation: its status, whether another code may be texted, the
// channel of an agent's message. The use cases read and write the rows; these decide.

/** The fields of an invitation these rules read. */
export interface InviteState {
  expiresAt: Date;
  verifiedAt: Date | null;
  revokedAt: Date | null;
  burntAt: Date | null;
  codeSentAt: Date | null;
  codesSent: number;
  wrongCodes: number;
}

/** The invitation's status at `now`; a verified link no longer expires (the device holds the chat). */
export function inviteStatus(invite: InviteState, now: Date): SecureInviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (invite.burntAt) return 'burnt';
  if (invite.verifiedAt) return 'accepted';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'invited';
}

/** When another code may be texted (null: now); Infinity when the link has used up its codes. */
export function nextCodeAt(invite: InviteState): Date | null | typeof Number.POSITIVE_INFINITY {
  if (invite.codesSent >= SECURE_CODE_MAX_SENDS) return Number.POSITIVE_INFINITY;
  if (!invite.codeSentAt) return null;
  return new Date(invite.codeSentAt.getTime() + SECURE_CODE_RESEND_SECONDS * 1000);
}

/** Seconds until another code may be texted at `now` (0: now), or null when no more codes will be sent. */
export function codeWaitSeconds(invite: InviteState, now: Date): number | null {
  const next = nextCodeAt(invite);
  if (next === Number.POSITIVE_INFINITY) return null;
  if (next === null) return 0;
  return Math.max(0, Math.ceil(((next as Date).getTime() - now.getTime()) / 1000));
}

/** True when one more wrong code burns the link. */
export function burnsOnNextWrong(invite: Pick<InviteState, 'wrongCodes'>): boolean {
  return invite.wrongCodes + 1 >= SECURE_CODE_MAX_WRONG;
}

export type ChannelDecision =
  | { channel: 'sms' | 'secure' | null }
  | { refusal: 'invalid-channel' | 'secure-chat-not-joined' };

/**
 * The channel of an agent's message in a Message Center conversation. Notes and status lines go
 * nowhere (null). A public message goes where the agent's "Chat with" choice says; without one, to
 * the secure chat once the customer joined it (so nothing private slips into a text by default),
 * else by SMS. Asking for the secure chat before the customer joined it is refused.
 */
export function chooseChannel(input: {
  requested: string | undefined;
  visibility: 'public' | 'note' | 'internal';
  kind: 'message' | 'status' | 'system';
  joined: boolean;
}): ChannelDecision {
  if (input.requested !== undefined && input.requested !== 'sms' && input.requested !== 'secure')
    return { refusal: 'invalid-channel' };
  if (input.visibility !== 'public' || input.kind !== 'message') return { channel: null };
  const wanted = input.requested ?? (input.joined ? 'secure' : 'sms');
  if (wanted === 'secure' && !input.joined) return { refusal: 'secure-chat-not-joined' };
  return { channel: wanted };
}

/** The last digits of a phone number, for "we texted a code to •••• 1234" (never broken across lines). */
export function phoneHint(phone: string): string {
  return `••••\u00a0${phone.slice(-4)}`;
}

/** True when a code is six digits. */
export function isCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/** The additional data binding a sealed link or code to its invitation. */
export const inviteAad = (conversationId: string, inviteId: string, what: 'link' | 'code') =>
  `secure-invite:${conversationId}:${inviteId}:${what}`;
