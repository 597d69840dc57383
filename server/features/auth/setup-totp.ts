import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict } from '../../platform/http/problem';
import { currentUser } from './me';
import { newTotpSecret } from './totp-code';

/**
 * Starts two-factor set-up: a new secret, stored encrypted with the firm key and not yet required
 * at sign-in until enableTotp confirms a code from it. 409 while TOTP is on.
 */
export async function setupTotp(deps: Deps, input: { actor: StaffActor }) {
  const { actor } = input;
  const user = await currentUser(deps, actor);
  if (user.totpEnabled)
    throw conflict('totp-enabled', 'Two-factor sign-in is already on; turn it off first.');
  const fresh = newTotpSecret(user.email);
  const sealed = await deps.keyring.encryptForFirm(deps.db, actor.firmId, fresh.secret, 'totp');
  await deps.db
    .update(users)
    .set({ totpSecret: sealed, totpLastStep: null, updatedAt: deps.clock() })
    .where(and(eq(users.firmId, actor.firmId), eq(users.id, actor.userId), eq(users.totpEnabled, false)));
  return fresh;
}
