import { conflict, Problem } from '../../platform/http/problem';

/** The activation link is unknown, used, expired or revoked; the answer never says which. */
export const invalidActivationToken = () =>
  new Problem(
    400,
    'invalid-token',
    'Invalid or expired link',
    'This activation link is not valid any more. Ask your firm for a new invitation.',
  );

/** The contact's portal is already active: it signs in with its password. */
export const portalAlreadyActive = () => conflict('portal-active', "The contact's portal is already active.");

/** Another contact of the firm already signs in to the portal with this address. */
export const portalEmailTaken = () =>
  conflict(
    'portal-email-taken',
    'Another contact of the firm already uses this e-mail address for the portal.',
  );
