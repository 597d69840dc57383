import { describe, expect, it } from 'vitest';
import { devToolAfterSignIn, signInToDevTool } from './dev-tools';

describe('returning to a development tool after sign-in', () => {
  it('round-trips each tool through the sign-in link', () => {
    for (const path of ['/dev/phone', '/dev/mail'] as const) {
      const link = new URL(signInToDevTool(path), 'http://parley.test');
      expect(link.pathname).toBe('/login');
      expect(devToolAfterSignIn(link.search)).toBe(path);
    }
  });

  it('ignores anything but a known tool', () => {
    for (const next of [
      '',
      '/matters',
      '//evil.test/dev/mail',
      'https://evil.test',
      'javascript:alert(1)',
      '/dev/mail/x',
    ])
      expect(devToolAfterSignIn(`?next=${encodeURIComponent(next)}`)).toBeNull();
    expect(devToolAfterSignIn('')).toBeNull();
  });
});
