import { Problem, unauthorized, unprocessable } from '../../platform/http/problem';

// The customer's answers about a secure chat link. A link that can no longer be used answers 410
// with why (the page shows each case); one that never existed, or of a firm that does not match,
// answers 404 like any unknown object.

export type GoneReason = 'link-expired' | 'link-used' | 'link-revoked' | 'link-burnt' | 'conversation-closed';

const goneDetail: Record<GoneReason, string> = {
  'link-expired': 'This secure chat link has expired. Text us to ask for a new one.',
  'link-used': 'This secure chat link was already opened on another device.',
  'link-revoked': 'This secure chat link was replaced by a newer one; use the newest link we texted you.',
  'link-burnt':
    'Too many wrong codes were entered, so this link no longer works. Text us to ask for a new one.',
  'conversation-closed': 'This conversation has ended. Text us again to start a new one.',
};

/** 410 with the reason the link no longer works. */
export const linkGone = (reason: GoneReason) => new Problem(410, reason, 'Gone', goneDetail[reason]);

/** 401: this device has not verified the link with a code yet. */
export const notVerified = () => unauthorized('Enter the code we texted you to open the secure chat.');

/** 422 wrong-code, with the attempts left before the link is burnt. */
export class WrongCodeProblem extends Problem {
  constructor(readonly attemptsLeft: number) {
    super(422, 'wrong-code', 'Unprocessable', 'That code is not right; check the latest text and try again.');
  }

  override toJSON() {
    return { ...super.toJSON(), attemptsLeft: this.attemptsLeft };
  }
}

/** 422 code-expired: no code was sent, or the last one expired; ask for a new one. */
export const codeExpired = () =>
  unprocessable('code-expired', 'That code has expired or none was sent; ask for a new code.');
