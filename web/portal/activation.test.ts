import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../ui/problem';
import { checkPasswords, describeActivationFailure } from './activation';

const problem = (status: number, type: string, errors?: { field: string; message: string }[]) =>
  new ApiError(status, { type: `/problems/${type}`, title: 'x', status, errors });

describe('checkPasswords', () => {
  it('accepts 12 or more characters typed twice the same', () => {
    expect(checkPasswords('twelve chars', 'twelve chars')).toEqual({});
  });

  it('names a short password and a confirmation that differs', () => {
    expect(checkPasswords('short', 'shorter')).toEqual({
      password: 'Use at least 12 characters.',
      confirm: 'The two passwords do not match.',
    });
  });
});

describe('describeActivationFailure', () => {
  it('explains a dead link without saying why it died, and hides the form', () => {
    const r = describeActivationFailure(problem(400, 'invalid-token'));
    expect(r.linkInvalid).toBe(true);
    expect(r.message).toContain('Ask your firm to send a new invitation.');
  });

  it('puts a password refusal under the password field', () => {
    const r = describeActivationFailure(
      problem(400, 'validation', [{ field: 'body.password', message: 'must be at least 12 characters' }]),
    );
    expect(r).toEqual({
      password: 'must be at least 12 characters',
      message: 'Check the highlighted field.',
    });
  });

  it('treats a malformed token as a broken link', () => {
    const r = describeActivationFailure(problem(400, 'validation', [{ field: 'body.token', message: 'x' }]));
    expect(r.linkInvalid).toBe(true);
  });

  it('says when the address is taken, and when the server is unreachable', () => {
    expect(describeActivationFailure(problem(409, 'portal-email-taken')).linkInvalid).toBe(true);
    expect(describeActivationFailure(new NetworkError()).message).toContain('Cannot reach the server');
  });
});
