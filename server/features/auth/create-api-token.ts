import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { apiTokens, users } from '../../platform/db/schema';
import { ensureAdmin, type StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { randomSecret, sha256Hex } from './secrets';

/** Formats the token an integration sends as "Authorization: Bearer prl_<firmId>_<secret>". */
export function formatApiToken(firmId: string, secret: string): string {
  return `prl_${firmId}_${secret}`;
}

/**
 * Creates an API token acting as userId (default: the admin creating it). Only the SHA-256 of
 * the secret is stored, so the token is shown this once.
 */
export async function createApiToken(
  deps: Deps,
  input: { actor: StaffActor; name: string; userId?: string; ip: string },
) {
  const { actor } = input;
  ensureAdmin(actor);
  const userId = input.userId ?? actor.userId;
  const secret = randomSecret();
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.firmId, actor.firmId), eq(users.id, userId), eq(users.active, true)));
    if (!user) throw notFound('user');
    const [row] = await tx
      .insert(apiTokens)
      .values({
        firmId: actor.firmId,
        id: uuidv7(),
        name: input.name.trim(),
        tokenHash: sha256Hex(secret),
        userId,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    const token = row as typeof apiTokens.$inferSelect;
    await recordAudit(
      tx,
      {
        firmId: actor.firmId,
        actorType: 'user',
        actorId: actor.userId,
        action: 'api_token.created',
        targetType: 'api_token',
        targetId: token.id,
        ip: input.ip,
        details: { name: token.name, userId },
      },
      now,
    );
    return { ...token, token: formatApiToken(actor.firmId, secret) };
  });
}
