import { describe, expect, it } from 'vitest';
import {
  activationLink,
  escapeHtml,
  invitationAddress,
  invitationEmail,
  invitationExpiry,
  invitationIsOpen,
} from './model';

const now = new Date('2026-03-01T12:00:00Z');

describe('invitationExpiry and invitationIsOpen', () => {
  const open = { expiresAt: invitationExpiry(now), usedAt: null, revokedAt: null };

  it('works for 7 days', () => {
    expect(open.expiresAt.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(invitationIsOpen(open, now)).toBe(true);
    expect(invitationIsOpen(open, new Date('2026-03-08T11:59:59.999Z'))).toBe(true);
    expect(invitationIsOpen(open, new Date('2026-03-08T12:00:00.000Z'))).toBe(false);
  });

  it('stops working once used or revoked', () => {
    expect(invitationIsOpen({ ...open, usedAt: now }, now)).toBe(false);
    expect(invitationIsOpen({ ...open, revokedAt: now }, now)).toBe(false);
  });
});

describe('invitationAddress', () => {
  const emails = ['first@example.com', 'second@example.com'];

  it("defaults to the contact's first address", () => {
    expect(invitationAddress(emails, undefined)).toEqual({ email: 'first@example.com' });
  });

  it("takes a requested address of the contact's, in any letter case", () => {
    expect(invitationAddress(emails, ' Second@Example.COM ')).toEqual({ email: 'second@example.com' });
  });

  it('refuses an address that is not the contact’s, or a contact without one', () => {
    expect(invitationAddress(emails, 'other@example.com')).toEqual({
      error: "is not one of the contact's e-mail addresses",
    });
    expect(invitationAddress([], undefined)).toEqual({
      error: 'is required: the contact has no e-mail address',
    });
    expect(invitationAddress([], 'first@example.com')).toHaveProperty('error');
  });
});

describe('activationLink', () => {
  it('points at the portal activation page with the token encoded, whatever slashes the base ends with', () => {
    expect(activationLink('https://parley.example.com/', 'f.a+b')).toBe(
      'https://parley.example.com/portal/activate?token=f.a%2Bb',
    );
    expect(activationLink('http://127.0.0.1:8080', 'x')).toBe(
      'http://127.0.0.1:8080/portal/activate?token=x',
    );
  });
});

describe('invitationEmail', () => {
  const email = invitationEmail({
    firmName: 'Smith & <Sons>',
    contactName: 'Jane "JR" Roe',
    link: 'https://p.example/portal/activate?token=abc&x=1',
    expiresAt: invitationExpiry(now),
    timeZone: 'America/New_York',
  });

  it('names the firm in the subject and carries the link in both versions', () => {
    expect(email.subject).toBe('Your secure client portal at Smith & <Sons>');
    expect(email.text).toContain('https://p.example/portal/activate?token=abc&x=1');
    expect(email.text).toContain('until Sun, Mar 8, 2026, 8:00 AM EDT.');
    expect(email.html).toContain('href="https://p.example/portal/activate?token=abc&amp;x=1"');
  });

  it('escapes names in the HTML version', () => {
    expect(email.html).toContain('Smith &amp; &lt;Sons&gt;');
    expect(email.html).toContain('Jane &quot;JR&quot; Roe');
    expect(email.html).not.toContain('<Sons>');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
