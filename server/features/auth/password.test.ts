import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, passwordHashOptions, verifyPassword } from './password';

describe('dummyPasswordHash', () => {
  it('costs what a real hash costs: same algorithm and parameters as hashPassword', async () => {
    const { memoryCost: m, timeCost: t, parallelism: p } = passwordHashOptions;
    const params = (phc: string) => phc.split('$').slice(1, 4).join('$');
    expect(params(dummyPasswordHash)).toBe(`argon2id$v=19$m=${m},t=${t},p=${p}`);
    expect(params(dummyPasswordHash)).toBe(params(await hashPassword('anything')));
  });

  it('is a hash verification runs through, not a malformed string it rejects early', async () => {
    expect(await verifyPassword(dummyPasswordHash, 'parley-dummy-password-for-timing')).toBe(true);
  });
});
