import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane); argon2id is the library's default algorithm.
export const passwordHashOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2id hash of a password, PHC string. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordHashOptions);
}

/** True when password matches the stored hash; false on any malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the account does not exist, so timing does not reveal which e-mails exist.
 * Written out rather than computed at start-up, where it cost every start a quarter second of a core; it
 * hides nothing, it only has to cost what a real verification costs (password.test.ts holds it to the
 * options above).
 */
export const dummyPasswordHash =
  '$argon2id$v=19$m=19456,t=2,p=1$zqvNUnXnZCgZvAugSepk0w$EHZJmafaoWfwJWctdHcUZdZfFLOPmvTvK7FLni3FhRQ';
