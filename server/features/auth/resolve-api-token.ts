import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { apiTokens, users } from '../../platform/db/schema';
import type { Permission, Role, StaffActor } from '../../platform/http/actor';
import { shouldTouch } from './policy';
import { constantTimeEqual, sha256Hex, splitFirmSecret } from './secrets';

/**
 * The staff actor a Bearer token acts as (the token's user, with that user's current role and
 * permissions); null when the token is malformed, unknown, revoked or its user is inactive.
 */
export async function resolveApiToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
): Promise<StaffActor | null> {
  const parsed = token.startsWith('prl_') ? splitFirmSecret(token.slice(4), '_') : null;
  if (!parsed) return null;
  const hash = sha256Hex(parsed.secret);
  const [row] = await deps.db
    .select({
      id: apiTokens.id,
      tokenHash: apiTokens.tokenHash,
      userId: apiTokens.userId,
      lastUsedAt: apiTokens.lastUsedAt,
      role: users.role,
      permissions: users.permissions,
    })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.firmId, apiTokens.firmId), eq(users.id, apiTokens.userId)))
    .where(
      and(
        eq(apiTokens.firmId, parsed.firmId),
        eq(apiTokens.tokenHash, hash),
        isNull(apiTokens.revokedAt),
        eq(users.active, true),
      ),
    );
  // The index lookup found the row by hash; the comparison keeps the check itself constant-time.
  if (!row || !constantTimeEqual(row.tokenHash, hash)) return null;
  const now = deps.clock();
  if (!row.lastUsedAt || shouldTouch(row.lastUsedAt, now)) {
    await deps.db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.firmId, parsed.firmId),
          eq(apiTokens.id, row.id),
          row.lastUsedAt ? lt(apiTokens.lastUsedAt, now) : isNull(apiTokens.lastUsedAt),
        ),
      );
  }
  return {
    kind: 'user',
    firmId: parsed.firmId,
    userId: row.userId,
    role: row.role as Role,
    permissions: row.permissions as Permission[],
    via: 'token',
  };
}
