import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import type { Deps } from '../deps';
import { PORTAL_SESSION_COOKIE, resolveSession, SESSION_COOKIE } from '../features/auth';
import { forbidden, Problem, serviceUnavailable, unauthorized } from '../platform/http/problem';
import { describeError } from '../platform/log/describe-error';
import type { Gateway } from './gateway';
import { isAllowedOrigin } from './policy';

/** The stream paths and which kind of session each accepts. */
const streams: Record<string, { kind: 'user' | 'contact'; cookie: string }> = {
  '/api/v1/stream': { kind: 'user', cookie: SESSION_COOKIE },
  '/api/v1/portal/stream': { kind: 'contact', cookie: PORTAL_SESSION_COOKIE },
};

/** Answers a refused upgrade with its problem (status, headers, body) and closes the connection. */
function refuse(socket: Duplex, problem: Problem): void {
  const body = JSON.stringify(problem.toJSON());
  const headers = Object.entries(problem.headers ?? {})
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json\r\n` +
      `${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(',')[0]?.trim() || undefined;
}

/**
 * Takes WebSocket upgrades straight from the HTTP server instead of routing them through Fastify:
 * a socket then holds no request or reply objects for its lifetime (a third of the memory of an idle
 * stream). The origin and the session cookie are checked before the upgrade, so a refused one gets a
 * plain 403/401 and never a socket.
 */
export function acceptStreamUpgrades(app: FastifyInstance, deps: Deps, gateway: Gateway): WebSocketServer {
  // Clients only answer pings and anything they send is ignored, so a large frame is never useful;
  // ws closes one over this size with 1009 (and invalid UTF-8 with 1007) and emits 'error', which
  // the gateway listens to.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
  const trustProxy = deps.config.TRUST_PROXY;

  async function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', () => socket.destroy());
    const stream = streams[(request.url ?? '').split('?')[0] ?? ''];
    if (!stream)
      return refuse(socket, new Problem(404, 'not-found', 'Not found', 'No WebSocket endpoint here.'));
    const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true;
    const protocol =
      (trustProxy && firstHeader(request.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
    const host = (trustProxy && firstHeader(request.headers['x-forwarded-host'])) || request.headers.host;
    if (!isAllowedOrigin(request.headers.origin, { protocol, host }, deps.config.PUBLIC_URL))
      return refuse(socket, forbidden('The stream only accepts connections from Parley pages.'));
    const cookies = app.parseCookie(request.headers.cookie ?? '');
    let actor: Awaited<ReturnType<typeof resolveSession>>;
    try {
      actor = await resolveSession(deps, cookies[stream.cookie]);
    } catch (error) {
      deps.log.error({ err: describeError(error) }, 'stream session lookup failed');
      return refuse(socket, serviceUnavailable());
    }
    if (actor?.kind !== stream.kind) return refuse(socket, unauthorized());
    wss.handleUpgrade(request, socket, head, (ws) => gateway.add(ws, actor, socket as never));
  }

  // An exception escaping an 'upgrade' listener would end the process: fail this connection only.
  const listener = (request: IncomingMessage, socket: Duplex, head: Buffer) =>
    void onUpgrade(request, socket, head).catch((error: unknown) => {
      deps.log.error({ err: describeError(error) }, 'stream upgrade failed');
      socket.destroy();
    });
  app.server.on('upgrade', listener);
  app.addHook('preClose', async () => {
    app.server.off('upgrade', listener);
    gateway.close();
    for (const ws of wss.clients) ws.terminate();
  });
  return wss;
}
