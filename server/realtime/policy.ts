import type { Audience } from '../platform/bus/bus';
import { type Actor, can } from '../platform/http/actor';

/**
 * True when a browser page at `origin` may open the stream: the page is served by this server
 * (same scheme and host as the request) or by PUBLIC_URL. A missing or malformed Origin is
 * refused, which is what stops cross-site WebSocket hijacking with the session cookie.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  request: { protocol: string; host: string | undefined },
  publicUrl: string | undefined,
): boolean {
  if (!origin) return false;
  let actual: string;
  try {
    actual = new URL(origin).origin;
  } catch {
    return false;
  }
  if (actual === 'null') return false;
  if (publicUrl && new URL(publicUrl).origin === actual) return true;
  if (!request.host) return false;
  try {
    return new URL(`${request.protocol}://${request.host}`).origin === actual;
  } catch {
    return false;
  }
}

/** True when the audience includes this actor (the gateway's index narrows the candidates first). */
export function audienceIncludes(audience: Audience, actor: Actor): boolean {
  if (actor.kind === 'contact') return audience.contactIds?.includes(actor.contactId) ?? false;
  if (audience.userIds?.includes(actor.userId)) return true;
  return audience.permission !== undefined && can(actor, audience.permission);
}
