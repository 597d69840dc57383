import type { Socket } from 'node:net';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { WebSocket } from 'ws';
import type { BusEvent, EventBus } from '../platform/bus/bus';
import { type Actor, can } from '../platform/http/actor';

/**
 * Internal event that closes sockets instead of reaching them (logout, deactivation, role change:
 * the client reconnects and is authorised afresh). Never forwarded to a client.
 */
export const SESSION_ENDED = 'session.ended';

/** Data of a SESSION_ENDED event: every socket matching any of the lists is closed. */
export interface SessionEndedData {
  sessionIds?: string[];
  userIds?: string[];
  contactIds?: string[];
}

/** Close code sent when the session behind a socket ended; the client should not retry blindly. */
export const SESSION_ENDED_CLOSE_CODE = 4001;

/** Tuning of the gateway (from config; tests shorten the heartbeat). */
export interface GatewayOptions {
  heartbeatMs: number;
  maxBufferedBytes: number;
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
export function createGateway(deps: { bus: EventBus; registry: Registry }, options: GatewayOptions): Gateway {
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
        help: 'WebSocket streams dropped by the server, by reason (slow, heartbeat)',
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
      if (!ended) continue;
      remove(c);
      c.ws.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
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

  return {
    add(ws, actor, rawSocket) {
      // Nagle's algorithm plus delayed ACKs adds tens of milliseconds to small frames.
      rawSocket.setNoDelay(true);
      const c: Connection = { ws, actor, unanswered: 0 };
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
      ws.on('pong', () => {
        c.unanswered = 0;
      });
      ws.on('close', () => remove(c));
      const ready = actor.kind === 'user' ? { userId: actor.userId } : { contactId: actor.contactId };
      ws.send(JSON.stringify({ type: 'ready', data: ready }));
    },
    size: () => all.size,
    close() {
      unsubscribe();
      clearInterval(heartbeat);
      for (const c of [...all]) {
        remove(c);
        c.ws.close(1001, 'server shutting down');
      }
    },
  };
}
