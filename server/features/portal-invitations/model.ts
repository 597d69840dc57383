// Pure rules of portal invitations: the token's shape, when a link still works, which address it
// goes to, and the e-mail that carries it.

import { formatInZone } from '../../../contracts/time-zone';

/** How long an activation link works. */
export const INVITATION_TTL_DAYS = 7;

/** Shortest portal password accepted at activation. */
export const MIN_PORTAL_PASSWORD_LENGTH = 12;

/** When an invitation sent at `now` stops working. */
export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3_600_000);
}

/** The dates that decide whether an invitation's link still works. */
export interface InvitationState {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** True while the link works: not used, not revoked by a newer invitation, not expired. */
export function invitationIsOpen(invitation: InvitationState, now: Date): boolean {
  return (
    invitation.usedAt === null &&
    invitation.revokedAt === null &&
    now.getTime() < invitation.expiresAt.getTime()
  );
}

/**
 * The address an invitation goes to: the requested one when it is one of the contact's addresses
 * (compared case-insensitively), else the contact's first address. An error message names what is
 * wrong with body.email otherwise.
 */
export function invitationAddress(
  contactEmails: readonly string[],
  requested: string | undefined,
): { email: string } | { error: string } {
  if (requested !== undefined) {
    const wanted = requested.trim().toLowerCase();
    const match = contactEmails.find((e) => e.toLowerCase() === wanted);
    return match ? { email: match } : { error: "is not one of the contact's e-mail addresses" };
  }
  const [first] = contactEmails;
  return first ? { email: first } : { error: 'is required: the contact has no e-mail address' };
}

/** The link in the e-mail: the portal's activation page with the token. */
export function activationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/portal/activate?token=${encodeURIComponent(token)}`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** The invitation e-mail: the firm's name in the subject, the link in both versions, no secrets besides it. */
export function invitationEmail(input: {
  firmName: string;
  contactName: string;
  link: string;
  expiresAt: Date;
  /** The firm's zone (settings.timeZone): the expiry is written in it, with the zone named. */
  timeZone: string;
}): { subject: string; text: string; html: string } {
  const { firmName, contactName, link } = input;
  const until = formatInZone(input.expiresAt, input.timeZone);
  const subject = `Your secure client portal at ${firmName}`;
  const text = [
    `Hello ${contactName},`,
    '',
    `${firmName} invites you to its secure client portal, where you can exchange messages and documents with them safely.`,
    '',
    'To activate your portal, open this link and choose a password:',
    link,
    '',
    `The link works once and until ${until}. If you did not expect this e-mail, you can ignore it.`,
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>',
    escapeHtml(subject),
    '</title></head><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>Hello ${escapeHtml(contactName)},</p>`,
    `<p>${escapeHtml(firmName)} invites you to its secure client portal, where you can exchange messages and documents with them safely.</p>`,
    `<p><a href="${escapeHtml(link)}">Activate your portal</a></p>`,
    `<p>Or copy this address into your browser: ${escapeHtml(link)}</p>`,
    `<p>The link works once and until ${escapeHtml(until)}. If you did not expect this e-mail, you can ignore it.</p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
