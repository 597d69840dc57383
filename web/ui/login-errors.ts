import { ApiError, describeError, NetworkError } from './problem';

/** What the login form shows after a failed attempt. */
export interface LoginFailure {
  /** The sentence in the alert above the form. */
  message: string;
  /** How the alert looks: a refusal, a next step (the authenticator code), or a wait. */
  tone: 'error' | 'info' | 'wait';
  /** Show (or keep showing) the authenticator code field. */
  askTotp: boolean;
  /** Seconds the form stays disabled (throttled). */
  retryAfterSeconds?: number;
  /** Messages per form field ("email", "password", "totp") from a 400 answer. */
  fieldErrors: Record<string, string>;
}

/** Turns a failed login call into words for the user; `totpSent` tells whether a code was in the request. */
export function describeLoginFailure(error: unknown, totpSent: boolean): LoginFailure {
  const base = { askTotp: totpSent, fieldErrors: {}, tone: 'error' as const };
  if (error instanceof NetworkError) return { ...base, message: error.message };
  if (!(error instanceof ApiError)) return { ...base, message: describeError(error) };
  if (error.is('totp-required')) {
    return {
      ...base,
      askTotp: true,
      tone: totpSent ? 'error' : 'info',
      message: totpSent
        ? 'That code is not valid. Enter the current 6-digit code from your authenticator app.'
        : 'Enter the 6-digit code from your authenticator app to finish signing in.',
    };
  }
  if (error.is('invalid-credentials')) {
    return { ...base, message: 'The e-mail address or password is not correct.' };
  }
  if (error.status === 429) {
    const seconds = error.retryAfterSeconds;
    return {
      ...base,
      tone: 'wait',
      retryAfterSeconds: seconds,
      message:
        seconds === undefined
          ? 'Too many attempts. Wait a moment and try again.'
          : `Too many attempts. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`,
    };
  }
  if (error.status === 400 && error.problem.errors?.length) {
    const fieldErrors: Record<string, string> = {};
    for (const e of error.problem.errors) {
      const name = e.field.replace(/^body\./, '').split('.')[0] ?? e.field;
      fieldErrors[name] ??= e.message;
    }
    return { ...base, fieldErrors, message: 'Check the highlighted fields.' };
  }
  return { ...base, message: describeError(error) };
}
