import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './login-email';

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Jane.Roe@Example.COM ')).toBe('jane.roe@example.com');
  });
});
