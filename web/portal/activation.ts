import { ApiError, describeError } from '../ui/problem';

/** Shortest portal password the server accepts (POST /api/v1/portal/auth/activate). */
export const MIN_PASSWORD_LENGTH = 12;

/** What the activation form shows: a sentence above the form and messages under its fields. */
export interface ActivationErrors {
  message?: string;
  password?: string;
  confirm?: string;
  /** The link itself is no good: the form is pointless, only the message stays. */
  linkInvalid?: boolean;
}

/** Checks the two password fields before anything is sent; empty when they are fine. */
export function checkPasswords(password: string, confirm: string): ActivationErrors {
  const errors: ActivationErrors = {};
  if (password.length < MIN_PASSWORD_LENGTH)
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (confirm !== password) errors.confirm = 'The two passwords do not match.';
  return errors;
}

/** Turns a refused activation into words for the client. */
export function describeActivationFailure(error: unknown): ActivationErrors {
  if (!(error instanceof ApiError)) return { message: describeError(error) };
  if (error.is('invalid-token'))
    return {
      linkInvalid: true,
      message:
        'This activation link does not work any more: it was already used, it expired, or a newer invitation replaced it. Ask your firm to send a new invitation.',
    };
  if (error.is('portal-email-taken'))
    return {
      linkInvalid: true,
      message:
        'Another client of this firm already uses this e-mail address for the portal. Ask your firm for help.',
    };
  if (error.status === 400 && error.problem.errors?.length) {
    const password = error.problem.errors.find((e) => e.field === 'body.password');
    if (password) return { password: password.message, message: 'Check the highlighted field.' };
    return {
      linkInvalid: true,
      message: 'This activation link is incomplete. Open it again from the e-mail.',
    };
  }
  return { message: describeError(error) };
}
