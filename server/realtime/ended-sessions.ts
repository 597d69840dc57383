import type { Deps } from '../deps';
import { limitsOf, loadSessionStates } from '../features/auth';
import type { Actor } from '../platform/http/actor';
import { streamMayContinue } from './policy';

/**
 * The session ids, among the actors of open streams, whose streams must end now: the session
 * expired (idle or absolute), was deleted (logout, password change, deactivation) or no longer
 * matches the actor (role or permission change). One query per thousand sessions.
 *
 * It only reads: an open socket is not activity. Were it to move last_seen_at, a tab left open on
 * an unattended computer would keep its session alive forever, which is what the idle limit is for.
 */
export async function endedStreamSessions(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actors: Actor[],
): Promise<Set<string>> {
  const bySession = new Map<string, Actor>();
  for (const actor of actors) if (actor.sessionId) bySession.set(actor.sessionId, actor);
  const states = await loadSessionStates(
    deps,
    [...bySession].map(([sessionId, actor]) => ({ firmId: actor.firmId, sessionId })),
  );
  const limits = limitsOf(deps.config);
  const now = deps.clock();
  const ended = new Set<string>();
  for (const [sessionId, actor] of bySession) {
    if (!streamMayContinue(actor, states.get(sessionId), limits, now)) ended.add(sessionId);
  }
  return ended;
}
