import { describe, expect, it } from 'vitest';
import { messageIdDomain, messageIdFor, normaliseAddress, senderAddress } from './model';

describe('senderAddress', () => {
  it('takes the address out of a display-name form, or the bare address', () => {
    expect(senderAddress('Parley <no-reply@parley.localhost>')).toBe('no-reply@parley.localhost');
    expect(senderAddress('"Demo Law, LLP" <notices@demo-law.test>')).toBe('notices@demo-law.test');
    expect(senderAddress('notices@demo-law.test')).toBe('notices@demo-law.test');
    expect(senderAddress('')).toBeNull();
  });
});

describe('messageIdFor', () => {
  it('is the same for one job on every attempt, and different for another job', () => {
    const from = 'Demo <notices@Demo-Law.test>';
    expect(messageIdFor('portal-invitation-1', from)).toBe('<portal-invitation-1@demo-law.test>');
    expect(messageIdFor('portal-invitation-1', from)).toBe(messageIdFor('portal-invitation-1', from));
    expect(messageIdFor('portal-invitation-2', from)).not.toBe(messageIdFor('portal-invitation-1', from));
  });

  it('keeps only characters a Message-ID may hold, and falls back to parley.localhost', () => {
    expect(messageIdFor('a b<c>@d', 'x@y.test')).toBe('<a-b-c--d@y.test>');
    expect(messageIdFor('', 'no address')).toBe('<mail@parley.localhost>');
    expect(messageIdDomain('Parley <weird@exa_mple!>')).toBe('parley.localhost');
  });
});

describe('normaliseAddress', () => {
  it('trims and lower-cases', () => {
    expect(normaliseAddress('  Jane.Roe@Example.COM ')).toBe('jane.roe@example.com');
  });
});
