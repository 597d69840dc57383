import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { apiTokens } from '../../platform/db/schema';
import { ensureAdmin, type StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';

/** Revokes a token for good; revoking it again changes nothing. 404 for unknown ids. */
export async function revokeApiToken(deps: Deps, input: { actor: StaffActor; id: string; ip: string }) {
  const { actor } = input;
  ensureAdmin(actor);
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const scope = and(eq(apiTokens.firmId, actor.firmId), eq(apiTokens.id, input.id));
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(scope, isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    const token = revoked[0];
    if (!token) {
      const [exists] = await tx.select({ id: apiTokens.id }).from(apiTokens).where(scope);
      if (!exists) throw notFound('API token');
      return;
    }
    await recordAudit(
      tx,
      {
        firmId: actor.firmId,
        actorType: 'user',
        actorId: actor.userId,
        action: 'api_token.revoked',
        targetType: 'api_token',
        targetId: token.id,
        ip: input.ip,
        details: { name: token.name },
      },
      now,
    );
  });
}
