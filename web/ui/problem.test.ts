import { describe, expect, it } from 'vitest';
import { ApiError, describeError, NetworkError, parseRetryAfter, toProblem } from './problem';

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });

  it('reads an HTTP date as the seconds until then, never negative', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('toProblem', () => {
  it('keeps a problem+json body and takes the status from the answer', () => {
    const body = { type: '/problems/conflict', title: 'Conflict', status: 200, detail: 'Taken.' };
    expect(toProblem(409, 'Conflict', body)).toEqual({ ...body, status: 409 });
  });

  it('makes a generic problem for a body that is not one', () => {
    expect(toProblem(502, 'Bad Gateway', undefined)).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
    });
    expect(toProblem(500, '', { message: 'x' })).toEqual({
      type: 'about:blank',
      title: 'HTTP 500',
      status: 500,
    });
  });
});

describe('describeError', () => {
  it('prefers the problem detail, then its title', () => {
    expect(
      describeError(
        new ApiError(404, {
          type: '/problems/not-found',
          title: 'Not found',
          status: 404,
          detail: 'No such matter.',
        }),
      ),
    ).toBe('No such matter.');
    expect(
      describeError(new ApiError(403, { type: '/problems/forbidden', title: 'Forbidden', status: 403 })),
    ).toBe('Forbidden');
  });

  it('says how long to wait when throttled', () => {
    const throttled = (s: number) =>
      new ApiError(429, { type: '/problems/rate-limited', title: 'Too many requests', status: 429 }, s);
    expect(describeError(throttled(1))).toBe('Too many attempts. Try again in 1 second.');
    expect(describeError(throttled(12))).toBe('Too many attempts. Try again in 12 seconds.');
  });

  it('explains network failures and anything else', () => {
    expect(describeError(new NetworkError())).toMatch(/Cannot reach the server/);
    expect(describeError('boom')).toBe('Something went wrong.');
  });

  it('matches problems by slug', () => {
    const e = new ApiError(401, { type: '/problems/totp-required', title: 'Code needed', status: 401 });
    expect(e.is('totp-required')).toBe(true);
    expect(e.is('invalid-credentials')).toBe(false);
  });
});
