import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { sessionsEnded } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Actor } from '../../platform/http/actor';
import { destroySession } from './sessions';

/** Ends the actor's session server-side (the old cookie stops working at once); tokens have none. */
export async function logout(deps: Deps, input: { actor: Actor; ip: string }): Promise<void> {
  const { actor } = input;
  const sessionId = actor.sessionId;
  if (actor.via !== 'session' || !sessionId) return;
  const now = deps.clock();
  await inTransaction(deps, async (tx, events) => {
    if (!(await destroySession(tx, actor.firmId, sessionId))) return;
    const subject =
      actor.kind === 'user'
        ? { actorType: 'user' as const, id: actor.userId, action: 'auth.logout' }
        : { actorType: 'contact' as const, id: actor.contactId, action: 'portal.logout' };
    await recordAudit(
      tx,
      {
        firmId: actor.firmId,
        actorType: subject.actorType,
        actorId: subject.id,
        action: subject.action,
        targetType: actor.kind,
        targetId: subject.id,
        ip: input.ip,
      },
      now,
    );
    events.push(sessionsEnded(actor.firmId, { sessionIds: [sessionId] }));
  });
}
