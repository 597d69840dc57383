import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { WebSocket } from 'ws';
import type { z } from 'zod';
import { FLOOD_CLOSE_CODE, SESSION_ENDED_CLOSE_CODE } from '../../contracts/realtime/close-codes';
import type { readyFrame, resyncFrame } from '../../contracts/realtime/frames';
import type { BusEvent, EventBus } from '../platform/bus/bus';
import { SESSION_ENDED, type SessionEndedData } from '../platform/bus/events';
import { type Actor, can } from '../platform/http/actor';
import { describeError } from '../platform/log/describe-error';
import { type FrameBucket, fullBucket, inboundFrameRate, takeFrame } from './policy';
import type { Presence } from './presence';

/** Tuning of the gateway (from config; tests shorten the heartbeat and the session check). */
export interface GatewayOptions {
  heartbeatMs: number;
  maxBufferedBytes: number;
  /** Milliseconds between checks that the session of every open socket is still live. */
  sessionCheckMs: number;
}

/** What the gateway needs from the rest of the server. */
export interface GatewayDeps {
  bus: EventBus;
  registry: Registry;
  log: Logger;
  /** The session ids, among these actors', whose streams must end (see endedStreamSessions). */
  endedSessions: (actors: Actor[]) => Promise<Set<string>>;
  /** Told when a staff user's stream opens or closes here (who is online, see presence.ts). */
  presence?: Pick<Presence, 'up' | 'down'>;
}

/** The sockets of this process and the delivery of bus events to them. */
export interface Gateway {
  /** Registers an upgraded, authorised socket and sends it the `ready` frame. */
  add(ws: WebSocket, actor: Actor, rawSocket: Socket): void;
  /** Sockets currently connected to this process. */
  size(): number;
  close(): void;
}

interface Connection {
  ws: WebSocket;
  actor: Actor;
  /** Pings sent since the last pong. */
  unanswered: number;
  /** Inbound frames the client may still send. */
  bucket: FrameBucket;
}

// Sockets of one firm, indexed so an event costs O(recipients), not O(sockets of the process).
interface FirmSockets {
  all: Set<Connection>;
  users: Map<string, Set<Connection>>;
  contacts: Map<string, Set<Connection>>;
}

function metric<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

function subjectOf(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : actor.contactId;
}

/**
 * Subscribes to the bus and fans events out to the sockets whose actor is in the event's firm and
 * audience. Each event is serialised once into one buffer shared by every recipient; the actor of
 * a socket is resolved once at upgrade, so no delivery touches the database.
 */
export function createGateway(deps: GatewayDeps, options: GatewayOptions): Gateway {
  const firms = new Map<string, FirmSockets>();
  const all = new Set<Connection>();
  const sockets = metric(
    deps.registry,
    'parley_realtime_sockets',
    () =>
      new Gauge({
        name: 'parley_realtime_sockets',
        help: 'Open WebSocket streams',
        registers: [deps.registry],
      }),
  );
  const frames = metric(
    deps.registry,
    'parley_realtime_frames_total',
    () =>
      new Counter({
        name: 'parley_realtime_frames_total',
        help: 'Event frames written to WebSocket streams',
        registers: [deps.registry],
      }),
  );
  const dropped = metric(
    deps.registry,
    'parley_realtime_dropped_total',
    () =>
      new Counter({
        name: 'parley_realtime_dropped_total',
        help: 'WebSocket streams dropped by the server, by reason (slow, heartbeat, invalid frame, flood)',
        labelNames: ['reason'] as const,
        registers: [deps.registry],
      }),
  );

  function bySubject(firm: FirmSockets, actor: Actor) {
    return actor.kind === 'user' ? firm.users : firm.contacts;
  }

  function remove(c: Connection) {
    if (!all.delete(c)) return;
    sockets.dec();
    if (c.actor.kind === 'user') deps.presence?.down(c.actor.firmId, c.actor.userId);
    const firm = firms.get(c.actor.firmId);
    if (!firm) return;
    firm.all.delete(c);
    const index = bySubject(firm, c.actor);
    const mine = index.get(subjectOf(c.actor));
    mine?.delete(c);
    if (mine?.size === 0) index.delete(subjectOf(c.actor));
    if (firm.all.size === 0) firms.delete(c.actor.firmId);
  }

  function drop(c: Connection, reason: 'slow' | 'heartbeat') {
    dropped.inc({ reason });
    remove(c);
    c.ws.terminate();
  }

  function endStream(c: Connection) {
    remove(c);
    c.ws.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
  }

  // Every frame counts, pings and pongs included: each costs the server work whatever its type.
  function onFrame(c: Connection) {
    if (!all.has(c)) return;
    const bucket = takeFrame(c.bucket, inboundFrameRate, performance.now());
    if (bucket) {
      c.bucket = bucket;
      return;
    }
    dropped.inc({ reason: 'flood' });
    remove(c);
    // A close rather than a reset, so a buggy client learns why; ws discards what the client
    // sends until it answers the close, and cuts it off if it never does.
    c.ws.close(FLOOD_CLOSE_CODE, 'too many frames');
  }

  function onError(c: Connection, error: Error) {
    // ws emits this for a frame it refuses and has already closed the socket with the matching code
    // (1009 too large, 1007 invalid UTF-8, 1002 protocol error). Without a listener the process
    // would exit. The error code is logged, never the frame.
    dropped.inc({ reason: 'invalid' });
    remove(c);
    deps.log.warn({ code: (error as { code?: string }).code }, 'stream closed on an invalid frame');
  }

  /** A socket listener that can never throw into ws (an exception there would end the process). */
  function guarded<A extends unknown[]>(c: Connection, listener: (...args: A) => void) {
    return (...args: A) => {
      try {
        listener(...args);
      } catch (error) {
        deps.log.error({ err: describeError(error) }, 'stream listener failed');
        remove(c);
        c.ws.terminate();
      }
    };
  }

  function deliver(c: Connection, frame: Buffer) {
    if (c.ws.readyState !== c.ws.OPEN) return;
    // A client that stops reading would make the server queue without bound; drop it instead.
    if (c.ws.bufferedAmount + frame.length > options.maxBufferedBytes) {
      drop(c, 'slow');
      return;
    }
    c.ws.send(frame, { binary: false });
    frames.inc();
  }

  function recipients(firm: FirmSockets, event: BusEvent): Set<Connection> {
    const found = new Set<Connection>();
    for (const id of event.audience.userIds ?? []) for (const c of firm.users.get(id) ?? []) found.add(c);
    for (const id of event.audience.contactIds ?? [])
      for (const c of firm.contacts.get(id) ?? []) found.add(c);
    const permission = event.audience.permission;
    if (permission) {
      for (const c of firm.all) if (c.actor.kind === 'user' && can(c.actor, permission)) found.add(c);
    }
    return found;
  }

  function endSessions(firm: FirmSockets, data: SessionEndedData) {
    const sessionIds = new Set(data.sessionIds ?? []);
    const userIds = new Set(data.userIds ?? []);
    const contactIds = new Set(data.contactIds ?? []);
    for (const c of [...firm.all]) {
      const a = c.actor;
      const ended =
        sessionIds.has(a.sessionId ?? '') ||
        (a.kind === 'user' ? userIds.has(a.userId) : contactIds.has(a.contactId));
      if (ended) endStream(c);
    }
  }

  function onEvent(event: BusEvent) {
    const firm = firms.get(event.firmId);
    if (!firm) return;
    if (event.type === SESSION_ENDED) {
      endSessions(firm, event.data as SessionEndedData);
      return;
    }
    const targets = recipients(firm, event);
    if (targets.size === 0) return;
    const frame = Buffer.from(JSON.stringify({ type: event.type, data: event.data }));
    for (const c of targets) deliver(c, frame);
  }

  const unsubscribe = deps.bus.subscribe(onEvent);

  // Events of other processes may have been lost: every client refetches what it shows.
  const resync = Buffer.from(JSON.stringify({ type: 'resync' } satisfies z.input<typeof resyncFrame>));
  const stopResync = deps.bus.onResync(() => {
    for (const c of [...all]) deliver(c, resync);
  });

  // One timer for every socket of the process rather than one per socket.
  const heartbeat = setInterval(() => {
    for (const c of [...all]) {
      if (c.unanswered >= 2) {
        drop(c, 'heartbeat');
        continue;
      }
      c.unanswered += 1;
      c.ws.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  // Sessions end by expiry without any event, and an event can be missed while the bus is down, so
  // every open socket's session is looked up again on a timer: one query for all of them.
  let checking = false;
  async function checkSessions() {
    if (checking || all.size === 0) return;
    checking = true;
    try {
      const ended = await deps.endedSessions([...all].map((c) => c.actor));
      for (const c of [...all]) if (ended.has(c.actor.sessionId ?? '')) endStream(c);
    } catch (error) {
      // The database is unreachable: keep the sockets (they could not reconnect anyway, and few
      // events happen without a database); the next check decides.
      deps.log.warn({ err: describeError(error) }, 'stream session check failed');
    } finally {
      checking = false;
    }
  }
  const sessionCheck = setInterval(() => void checkSessions(), options.sessionCheckMs);
  sessionCheck.unref();

  return {
    add(ws, actor, rawSocket) {
      // Nagle's algorithm plus delayed ACKs adds tens of milliseconds to small frames.
      rawSocket.setNoDelay(true);
      const c: Connection = {
        ws,
        actor,
        unanswered: 0,
        bucket: fullBucket(inboundFrameRate, performance.now()),
      };
      let firm = firms.get(actor.firmId);
      if (!firm) {
        firm = { all: new Set(), users: new Map(), contacts: new Map() };
        firms.set(actor.firmId, firm);
      }
      firm.all.add(c);
      const index = bySubject(firm, actor);
      const subject = subjectOf(actor);
      const mine = index.get(subject) ?? new Set<Connection>();
      mine.add(c);
      index.set(subject, mine);
      all.add(c);
      sockets.inc();
      if (actor.kind === 'user') deps.presence?.up(actor.firmId, actor.userId);
      const onPong = () => {
        c.unanswered = 0;
        onFrame(c);
      };
      const onInbound = () => onFrame(c);
      const onSocketError = (error: Error) => onError(c, error);
      const onClose = () => remove(c);
      ws.on('error', guarded(c, onSocketError));
      ws.on('message', guarded(c, onInbound));
      ws.on('ping', guarded(c, onInbound));
      ws.on('pong', guarded(c, onPong));
      ws.on('close', guarded(c, onClose));
      const ready: z.input<typeof readyFrame> = {
        type: 'ready',
        data: actor.kind === 'user' ? { userId: actor.userId } : { contactId: actor.contactId },
      };
      ws.send(JSON.stringify(ready));
    },
    size: () => all.size,
    close() {
      unsubscribe();
      stopResync();
      clearInterval(heartbeat);
      clearInterval(sessionCheck);
      for (const c of [...all]) {
        remove(c);
        c.ws.close(1001, 'server shutting down');
      }
    },
  };
}
