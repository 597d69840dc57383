import { Problem } from '../../platform/http/problem';

/** Wrong e-mail or password; the same answer whether or not the account exists. */
export const invalidCredentials = () =>
  new Problem(401, 'invalid-credentials', 'Invalid credentials', 'The e-mail address or password is wrong.');

/** The account has two-factor sign-in and no valid code was sent. */
export const totpRequired = () =>
  new Problem(
    401,
    'totp-required',
    'Two-factor code required',
    'Enter the current code from your authenticator app.',
  );

/** A cookie-authenticated write without the session's CSRF token. */
export const csrfRejected = () =>
  new Problem(
    403,
    'csrf',
    'Missing or wrong CSRF token',
    'Send the x-csrf-token header from sign-in or /me.',
  );

/** A bad Bearer token: unknown, malformed or revoked. */
export const invalidToken = () =>
  new Problem(401, 'invalid-token', 'Invalid API token', 'The API token is unknown or revoked.');
