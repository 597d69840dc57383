import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps';
import { ensureAdmin, type StaffActor } from '../../platform/http/actor';
import { updateUser } from './update-user';

/**
 * An admin gives a user a new random password, shown once to the admin to pass on. Setting it
 * goes through updateUser, so the user's other sessions end and the change is audited there.
 */
export async function resetUserPassword(
  deps: Pick<Deps, 'db' | 'clock' | 'bus' | 'outbox' | 'log'>,
  input: { actor: StaffActor; ip?: string; userId: string },
): Promise<{ temporaryPassword: string }> {
  ensureAdmin(input.actor);
  // 15 random bytes → 20 base64url characters: above the 12-character minimum, easy to read out.
  const temporaryPassword = randomBytes(15).toString('base64url');
  await updateUser(deps, { ...input, patch: { password: temporaryPassword } });
  return { temporaryPassword };
}
