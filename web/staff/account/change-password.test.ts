import { describe, expect, it } from 'vitest';
import { ApiError } from '../../ui/problem';
import { checkPasswordChange, passwordChangeFailure } from './change-password';

const valid = {
  currentPassword: 'old one',
  newPassword: 'a brand new passphrase',
  confirmPassword: 'a brand new passphrase',
};

describe('checkPasswordChange', () => {
  it('accepts a filled form whose new password is long enough and confirmed', () => {
    expect(checkPasswordChange(valid)).toEqual({});
  });

  it('names each missing or wrong field', () => {
    expect(
      checkPasswordChange({ currentPassword: '', newPassword: 'short', confirmPassword: 'other' }),
    ).toEqual({
      currentPassword: 'Enter your current password.',
      newPassword: 'Use at least 12 characters.',
      confirmPassword: 'The two passwords do not match.',
    });
  });
});

describe('passwordChangeFailure', () => {
  const problem = (errors: { field: string; message: string }[]) =>
    new ApiError(400, { type: '/problems/validation', title: 'Invalid request', status: 400, errors });

  it('puts a wrong current password and a refused new one under their inputs', () => {
    expect(
      passwordChangeFailure(
        problem([{ field: 'body.currentPassword', message: 'is not your current password' }]),
      ),
    ).toEqual({
      currentPassword: 'This is not your current password.',
    });
    expect(
      passwordChangeFailure(
        problem([{ field: 'body.newPassword', message: 'must not contain control characters' }]),
      ),
    ).toEqual({
      newPassword: 'The new password must not contain control characters.',
    });
  });

  it('says anything else above the buttons, with the wait when throttled', () => {
    const throttled = new ApiError(
      429,
      { type: '/problems/rate-limited', title: 'Too many requests', status: 429 },
      30,
    );
    expect(passwordChangeFailure(throttled)).toEqual({ form: 'Too many attempts. Try again in 30 seconds.' });
  });
});
