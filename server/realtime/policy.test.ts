import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './policy';

const request = { protocol: 'http', host: '127.0.0.1:8080' };

describe('isAllowedOrigin', () => {
  it.each([
    ['http://127.0.0.1:8080', undefined, true],
    ['http://127.0.0.1:8080/', undefined, true],
    ['https://parley.example.com', 'https://parley.example.com/app', true],
    ['http://127.0.0.1:8081', undefined, false],
    ['https://127.0.0.1:8080', undefined, false],
    ['http://evil.example', 'https://parley.example.com', false],
    ['null', undefined, false],
    ['not a url', undefined, false],
    [undefined, undefined, false],
  ])('origin %s with PUBLIC_URL %s → %s', (origin, publicUrl, allowed) => {
    expect(isAllowedOrigin(origin, request, publicUrl)).toBe(allowed);
  });

  it('refuses every origin when the request has no Host and no PUBLIC_URL matches', () => {
    expect(isAllowedOrigin('http://127.0.0.1:8080', { protocol: 'http', host: undefined }, undefined)).toBe(
      false,
    );
  });
});
