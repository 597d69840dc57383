import { describe, expect, it } from 'vitest';
import { servedOverHttps } from './https';

describe('servedOverHttps', () => {
  it('is true for an https request or an https PUBLIC_URL, false otherwise', () => {
    expect(servedOverHttps({}, 'https')).toBe(true);
    expect(servedOverHttps({ PUBLIC_URL: 'https://parley.example.com' }, 'http')).toBe(true);
    expect(servedOverHttps({ PUBLIC_URL: 'http://localhost:8080' }, 'http')).toBe(false);
    expect(servedOverHttps({}, 'http')).toBe(false);
  });
});
