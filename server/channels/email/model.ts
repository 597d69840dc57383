import addressparser from 'nodemailer/lib/addressparser';

const FALLBACK_DOMAIN = 'parley.localhost';

/** The bare address of a sender such as "Parley <no-reply@example.com>", or null when it has none. */
export function senderAddress(from: string): string | null {
  const [first] = addressparser(from, { flatten: true });
  return first?.address ? first.address : null;
}

/** The domain Message-IDs are minted under: the sender's (so they are unique to this installation). */
export function messageIdDomain(from: string): string {
  const address = senderAddress(from);
  const domain = address?.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domain && /^[a-z0-9.-]+$/.test(domain) ? domain : FALLBACK_DOMAIN;
}

/**
 * The Message-ID of the e-mail an outbox job sends: derived from the job's idempotency key, so every
 * attempt of one job carries the same id and a receiver (or a person reading headers) recognises a
 * resend after a lost answer.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const local = idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 200) || 'mail';
  return `<${local}@${messageIdDomain(from)}>`;
}

/** An address compared the way Parley stores contact e-mails: trimmed and lower-cased. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}
