/** E-mail addresses are compared and stored lower-cased and trimmed: one address, one login. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
