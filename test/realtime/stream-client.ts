import WebSocket from 'ws';
import type { Deps } from '../../server/deps';

/** A frame the server sent on the stream. */
export interface Frame {
  type: string;
  data: any;
}

/** A connected test stream that records every frame. */
export interface Stream {
  ws: WebSocket;
  frames: Frame[];
  /** The next frame of this type not yet returned (frames received earlier count). */
  next(type: string): Promise<Frame>;
  /** Resolves with the close code once the connection is gone. */
  closed: Promise<number>;
}

export interface StreamOptions {
  /** Value of the session cookie; none when undefined. */
  session?: string;
  /** Name of the session cookie: parley_session unless given (parley_portal_session for the portal). */
  cookie?: string;
  /** Origin header; defaults to the server's own origin, null sends none. */
  origin?: string | null;
  path?: string;
  /** False makes the client ignore pings, like a frozen tab. */
  autoPong?: boolean;
}

function wsUrl(baseUrl: string, path: string) {
  return baseUrl.replace(/^http/, 'ws') + path;
}

function connect(baseUrl: string, o: StreamOptions): WebSocket {
  const headers: Record<string, string> = {};
  if (o.session) headers.cookie = `${o.cookie ?? 'parley_session'}=${o.session}`;
  const origin = o.origin === undefined ? baseUrl : o.origin;
  return new WebSocket(wsUrl(baseUrl, o.path ?? '/api/v1/stream'), {
    headers,
    ...(origin ? { origin } : {}),
    autoPong: o.autoPong ?? true,
  });
}

/** Opens the stream; rejects when the upgrade is refused. */
export function openStream(baseUrl: string, o: StreamOptions = {}): Promise<Stream> {
  const ws = connect(baseUrl, o);
  const frames: Frame[] = [];
  const taken = new Set<Frame>();
  const waiters: { type: string; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as Frame;
    frames.push(frame);
    const waiter = waiters.find((w) => w.type === frame.type);
    if (!waiter) return;
    waiters.splice(waiters.indexOf(waiter), 1);
    taken.add(frame);
    waiter.resolve(frame);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        frames,
        closed,
        next(type) {
          const seen = frames.find((f) => f.type === type && !taken.has(f));
          if (seen) {
            taken.add(seen);
            return Promise.resolve(seen);
          }
          return new Promise((r) => waiters.push({ type, resolve: r }));
        },
      }),
    );
  });
}

/** The HTTP status of a refused upgrade (101 if it was accepted). */
export function upgradeStatus(baseUrl: string, o: StreamOptions = {}): Promise<number> {
  const ws = connect(baseUrl, o);
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', reject);
  });
}

/** Streams open on the server of deps right now (its own gauge). */
export async function serverSockets(deps: Deps): Promise<number> {
  const metric = await deps.metrics.registry.getSingleMetric('parley_realtime_sockets')?.get();
  return metric?.values[0]?.value ?? 0;
}

/** Streams the server of deps dropped for this reason so far. */
export async function serverDrops(
  deps: Deps,
  reason: 'slow' | 'heartbeat' | 'invalid' | 'flood',
): Promise<number> {
  const metric = await deps.metrics.registry.getSingleMetric('parley_realtime_dropped_total')?.get();
  return metric?.values.find((v) => v.labels.reason === reason)?.value ?? 0;
}
