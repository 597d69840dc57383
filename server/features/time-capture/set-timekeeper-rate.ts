import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { timekeeperRates, users } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { forbidden, notFound } from '../../platform/http/problem';
import { canSetRates } from './access';
import type { SetRateBody } from './schemas';

/**
 * A billing manager sets a timekeeper's hourly rate (and LEDES classification); entries converted
 * later use it, earlier entries keep the rate they were converted at.
 */
export async function setTimekeeperRate(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; userId: string; body: SetRateBody },
) {
  const { actor, body } = input;
  if (!canSetRates(actor)) throw forbidden('Only billing managers set rates.');
  const firmId = actor.firmId;
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(and(eq(users.firmId, firmId), eq(users.id, input.userId)));
    if (!user) throw notFound('user');
    const [before] = await tx
      .select()
      .from(timekeeperRates)
      .where(and(eq(timekeeperRates.firmId, firmId), eq(timekeeperRates.userId, user.id)))
      .for('update');
    const classification =
      body.classification === undefined ? (before?.classification ?? null) : body.classification;
    const now = deps.clock();
    await tx
      .insert(timekeeperRates)
      .values({ firmId, userId: user.id, rateCents: body.rateCents, classification, updatedAt: now })
      .onConflictDoUpdate({
        target: [timekeeperRates.firmId, timekeeperRates.userId],
        set: { rateCents: body.rateCents, classification, updatedAt: now },
      });
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'timekeeper.rate_set',
        targetType: 'user',
        targetId: user.id,
        details: { rateCents: { from: before?.rateCents ?? null, to: body.rateCents }, classification },
      },
      now,
    );
    return {
      ...user,
      rateCents: body.rateCents,
      classification: classification as 'PT' | 'AS' | 'OC' | 'LA' | 'OT' | null,
    };
  });
}
