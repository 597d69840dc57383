import { ApiError, describeError } from '../../ui/problem';

/** The staff password rule the server applies (auth staffPassword). */
export const MIN_STAFF_PASSWORD_LENGTH = 12;

/** What the change-password form holds. */
export interface PasswordChangeValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Field errors of the form, by field; `form` is a failure no field explains. */
export type PasswordChangeErrors = Partial<Record<keyof PasswordChangeValues | 'form', string>>;

/** Checks before sending: every field filled, the new password long enough and typed the same twice. */
export function checkPasswordChange(values: PasswordChangeValues): PasswordChangeErrors {
  const errors: PasswordChangeErrors = {};
  if (!values.currentPassword) errors.currentPassword = 'Enter your current password.';
  if (values.newPassword.length < MIN_STAFF_PASSWORD_LENGTH)
    errors.newPassword = `Use at least ${MIN_STAFF_PASSWORD_LENGTH} characters.`;
  if (values.confirmPassword !== values.newPassword)
    errors.confirmPassword = 'The two passwords do not match.';
  return errors;
}

/** Places the server's refusal: a wrong current password or a refused new one under its input, else above the buttons. */
export function passwordChangeFailure(error: unknown): PasswordChangeErrors {
  if (error instanceof ApiError && error.status === 400) {
    const errors: PasswordChangeErrors = {};
    for (const e of error.problem.errors ?? []) {
      if (e.field === 'body.currentPassword') errors.currentPassword = 'This is not your current password.';
      else if (e.field === 'body.newPassword') errors.newPassword = `The new password ${e.message}.`;
    }
    if (Object.keys(errors).length > 0) return errors;
  }
  return { form: describeError(error) };
}
