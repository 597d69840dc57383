import { describe, expect, it } from 'vitest';
import { describeLoginFailure } from './login-errors';
import { ApiError, NetworkError, type ProblemBody } from './problem';

const problem = (status: number, slug: string, extra: Partial<ProblemBody> = {}) =>
  new ApiError(status, { type: `/problems/${slug}`, title: slug, status, ...extra });

describe('describeLoginFailure', () => {
  it('says the credentials are wrong without telling which one', () => {
    const f = describeLoginFailure(problem(401, 'invalid-credentials'), false);
    expect(f).toEqual({
      message: 'The e-mail address or password is not correct.',
      tone: 'error',
      askTotp: false,
      fieldErrors: {},
    });
  });

  it('asks for the authenticator code when the server requires one', () => {
    const f = describeLoginFailure(problem(401, 'totp-required'), false);
    expect(f.askTotp).toBe(true);
    expect(f.tone).toBe('info');
    expect(f.message).toMatch(/^Enter the 6-digit code/);
  });

  it('says the code is wrong when one was sent and refused', () => {
    const f = describeLoginFailure(problem(401, 'totp-required'), true);
    expect(f.askTotp).toBe(true);
    expect(f.tone).toBe('error');
    expect(f.message).toMatch(/^That code is not valid/);
  });

  it('keeps the code field once it was asked for, whatever fails next', () => {
    expect(describeLoginFailure(problem(401, 'invalid-credentials'), true).askTotp).toBe(true);
  });

  it('tells a throttled user how many seconds to wait', () => {
    const f = describeLoginFailure(
      new ApiError(429, { type: '/problems/rate-limited', title: 't', status: 429 }, 42),
      false,
    );
    expect(f).toMatchObject({
      tone: 'wait',
      retryAfterSeconds: 42,
      message: 'Too many attempts. Try again in 42 seconds.',
    });
    const noHeader = describeLoginFailure(problem(429, 'rate-limited'), false);
    expect(noHeader.retryAfterSeconds).toBeUndefined();
    expect(noHeader.message).toBe('Too many attempts. Wait a moment and try again.');
  });

  it('maps 400 field errors onto the form fields, first message per field', () => {
    const f = describeLoginFailure(
      problem(400, 'validation', {
        errors: [
          { field: 'body.email', message: 'Invalid email address' },
          { field: 'body.email', message: 'second' },
          { field: 'body.totp', message: 'must be 6 digits' },
        ],
      }),
      true,
    );
    expect(f.fieldErrors).toEqual({ email: 'Invalid email address', totp: 'must be 6 digits' });
    expect(f.message).toBe('Check the highlighted fields.');
  });

  it('explains a network failure and any other problem', () => {
    expect(describeLoginFailure(new NetworkError(), false).message).toMatch(/Cannot reach the server/);
    expect(
      describeLoginFailure(problem(500, 'internal', { detail: 'Something went wrong on our side.' }), false)
        .message,
    ).toBe('Something went wrong on our side.');
  });
});
