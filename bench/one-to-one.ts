import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { client, type XmppClient, xml } from '@xmpp/client';
import type WebSocket from 'ws';
import { EJABBERD_HOST, type Ejabberd, startEjabberd } from './lib/ejabberd';
import { BENCH_PASSWORD, type BenchServer, signIn } from './lib/server';
import { percentile, round } from './lib/stats';
import { closeAll, openSockets } from './lib/ws-clients';

// S2: one-to-one store-and-deliver, Parley against ejabberd archiving to PostgreSQL. Pairs of users
// each send to the other at a fixed offered rate (open loop), and a message's latency runs from the
// time it was scheduled to be sent to its arrival on the receiver's connection, so a server that
// falls behind shows it in the latency instead of slowing the load (no coordinated omission).

export const PAIRS = Number(process.env.BENCH_PAIRS ?? 8);
/** The offered rates every run reports, in messages per second over all pairs and both directions. */
export const RATES = [1000, 2000, 3000];
const WARMUP_MS = 1000;
const WINDOW_MS = 3000;
/** A message still undelivered this long after the window closes counts as lost. */
const GRACE_MS = 1000;
const MAX_RATE = 20_000;
/**
 * A rate is sustained when at least 95 % of the messages sent in the window arrive by the end of the
 * grace period and the p99 of their latencies is at most 1 s. The ceiling is the highest sustained
 * rate below the lowest rate that is not, found to within an eighth (or 50 msg/s).
 */
export const SUSTAINED = { deliveredShare: 0.95, p99Ms: 1000 };

/** Users 2i and 2i+1 form pair i and write to each other: the system under test, as one adapter. */
export interface Messenger {
  users: number;
  /** Sends message `id` from `from` to its partner; settles once the client is done with it. */
  send(from: number, id: string): Promise<void>;
  /** Every message arriving at a user is reported to `deliver`. */
  listen(deliver: (to: number, id: string) => void): void;
  /** Drops the sends the client still holds, so that a failed step leaves no backlog behind. */
  cancel(): void;
  close(): Promise<void>;
}

export interface Step {
  offeredPerSec: number;
  sent: number;
  delivered: number;
  /** Sent in the window and not delivered by the end of the grace period (failed sends included). */
  lost: number;
  errors: number;
  /** Window messages delivered per second, from the window's start to the last of them. */
  achievedPerSec: number;
  /** Latency percentiles of the delivered window messages; null when none was. */
  p50Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  sustained: boolean;
  /** When the step was cut short, from the start of its warm-up: the server had fallen behind. */
  abortedAfterMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const body = (id: string) => `bench ${id} sent ${Date.now()}`;

/** Offers `rate` messages per second for a warm-up and a measured window, and reports the window. */
export async function offer(m: Messenger, rate: number): Promise<Step> {
  const pending = new Map<string, { at: number; to: number; recorded: boolean }>();
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let outstanding = 0;
  let inFlight = 0;
  let lastFrame = performance.now();
  let lastDelivery = 0;
  m.listen((to, id) => {
    const now = performance.now();
    lastFrame = now;
    const p = pending.get(id);
    if (!p || p.to !== to) return;
    pending.delete(id);
    if (!p.recorded) return;
    latencies.push(now - p.at);
    lastDelivery = now;
    outstanding--;
  });
  const interval = 1000 / rate;
  const planned = Math.round(WINDOW_MS / interval);
  const start = performance.now();
  const windowStart = start + WARMUP_MS;
  const end = windowStart + WINDOW_MS;
  let k = 0;
  let abortedAfterMs: number | undefined;
  let lastCheck = start;
  for (;;) {
    const now = performance.now();
    // Everything due goes now, even after a late timer: the offered rate never bends to the server.
    for (let at = start + k * interval; at <= now && at < end; at = start + ++k * interval) {
      const from = k % m.users;
      const id = randomUUID();
      const recorded = at >= windowStart;
      pending.set(id, { at, to: from ^ 1, recorded });
      if (recorded) {
        sent++;
        outstanding++;
      }
      inFlight++;
      m.send(from, id).then(
        () => inFlight--,
        () => {
          inFlight--;
          if (!pending.delete(id) || !recorded) return;
          outstanding--;
          // What cancel() dropped is lost, not an error of the server's.
          if (abortedAfterMs === undefined) errors++;
        },
      );
    }
    if (start + k * interval >= end) break;
    if (now - lastCheck >= 100) {
      lastCheck = now;
      // A backlog of over 6 % of the window's messages more than 1 s late would, in the window, mean
      // over 5 % lost or over 1 % later than 1 s: the server has fallen behind, and feeding it more only
      // lengthens the wait before the next step.
      let late = 0;
      for (const p of pending.values()) {
        if (now - p.at < SUSTAINED.p99Ms) break;
        late++;
      }
      if (late > 0.06 * planned) {
        abortedAfterMs = Math.round(now - start);
        m.cancel();
        break;
      }
    }
    await sleep(1);
  }
  const stoppedAt = performance.now();
  while (outstanding > 0 && performance.now() - stoppedAt < GRACE_MS) await sleep(10);
  const delivered = latencies.length;
  // The next step starts on an idle server: replies and late deliveries of this one drain first, and
  // count for nothing.
  m.listen(() => {
    lastFrame = performance.now();
  });
  const drainStart = performance.now();
  while ((inFlight > 0 || performance.now() - lastFrame < 300) && performance.now() - drainStart < 60_000)
    await sleep(20);
  m.listen(() => {});
  const pct = (p: number) => (delivered ? round(percentile(latencies, p)) : null);
  const p99Ms = pct(99);
  return {
    offeredPerSec: rate,
    sent,
    delivered,
    lost: sent - delivered,
    errors,
    achievedPerSec: delivered ? Math.round(delivered / ((lastDelivery - windowStart) / 1000)) : 0,
    p50Ms: pct(50),
    p99Ms,
    p999Ms: pct(99.9),
    sustained:
      abortedAfterMs === undefined &&
      delivered >= SUSTAINED.deliveredShare * sent &&
      p99Ms !== null &&
      p99Ms <= SUSTAINED.p99Ms,
    ...(abortedAfterMs === undefined ? {} : { abortedAfterMs }),
  };
}

export interface Ceiling {
  ceilingPerSec: number;
  /** The steps at RATES, in order. */
  rates: Step[];
  /** The further steps of the search for the ceiling, in the order they ran. */
  search: Step[];
}

/** Two significant figures: the search's rates read as round numbers. */
const roundRate = (n: number) => {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
};

/**
 * The steps at RATES, then upwards by 1,000 msg/s while every step was sustained; then, between the
 * highest sustained rate and the lowest failed one, halving the failed rate until one is sustained and
 * halving the gap until it is within an eighth of the sustained rate (or 50 msg/s).
 */
export async function findCeiling(m: Messenger, name: string): Promise<Ceiling> {
  // A search takes a while; each step says how it went as it ends.
  const step = async (rate: number) => {
    const s = await offer(m, rate);
    process.stderr.write(
      `bench: one-to-one ${name} ${rate} msg/s: ${s.delivered}/${s.sent} delivered, p99 ${s.p99Ms} ms${s.abortedAfterMs === undefined ? '' : ', fell behind'}\n`,
    );
    return s;
  };
  const rates: Step[] = [];
  for (const rate of RATES) rates.push(await step(rate));
  const search: Step[] = [];
  const all = () => [...rates, ...search];
  let rate = RATES.at(-1) as number;
  while (all().every((s) => s.sustained) && rate < MAX_RATE) {
    rate += 1000;
    search.push(await step(rate));
  }
  const bounds = () => {
    const hi = Math.min(
      ...all()
        .filter((s) => !s.sustained)
        .map((s) => s.offeredPerSec),
    );
    const below = all().filter((s) => s.sustained && s.offeredPerSec < hi);
    return { lo: Math.max(0, ...below.map((s) => s.offeredPerSec)), hi };
  };
  for (;;) {
    const { lo, hi } = bounds();
    if (!Number.isFinite(hi) || hi - lo <= Math.max(50, lo / 8)) break;
    const next = roundRate(lo === 0 ? hi / 2 : (lo + hi) / 2);
    if (next <= lo || next >= hi) break;
    search.push(await step(next));
  }
  const { lo, hi } = bounds();
  return { ceilingPerSec: Number.isFinite(hi) ? lo : rate, rates, search };
}

/** Parley: staff pairs in `internal` chats; each sends with POST over HTTP, receives on its stream. */
export async function parleyMessenger(server: BenchServer, pairs = PAIRS): Promise<Messenger> {
  const admin = await signIn(server.url, 'admin@demo.parley.test');
  const api = async (session: typeof admin, p: string, payload: unknown) => {
    const res = await fetch(server.url + p, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify(payload),
    });
    if (res.status >= 300) throw new Error(`POST ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const users: { id: string; session: typeof admin }[] = [];
  for (let i = 0; i < 2 * pairs; i++) {
    const email = `bench-pair-${i}@demo.parley.test`;
    const user = await api(admin, '/api/v1/users', {
      email,
      name: `Bench Pair ${i >> 1}${i % 2 ? 'B' : 'A'}`,
      role: 'agent',
      permissions: ['message_center.use'],
      password: BENCH_PASSWORD,
    });
    users.push({ id: user.id, session: await signIn(server.url, email) });
  }
  const conversations: string[] = [];
  for (let i = 0; i < users.length; i += 2) {
    const [a, b] = [users[i], users[i + 1]] as [(typeof users)[number], (typeof users)[number]];
    conversations.push(
      (await api(a.session, '/api/v1/conversations', { kind: 'internal', userIds: [b.id] })).id,
    );
  }
  const wsUrl = `${server.url.replace('http', 'ws')}/api/v1/stream`;
  const sockets: WebSocket[] = [];
  for (const u of users)
    sockets.push(
      ...(await openSockets(
        wsUrl,
        1,
        { cookie: u.session.cookie, origin: server.url },
        { untilReady: true },
      )),
    );
  let deliver = (_to: number, _id: string) => {};
  for (const [i, ws] of sockets.entries())
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { type: string; data?: { message?: { id: string } } };
      if (frame.type === 'message.created' && frame.data?.message) deliver(i, frame.data.message.id);
    });
  // Enough keep-alive connections that the client never waits for one while the server keeps up.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128, noDelay: true });
  const { hostname, port } = new URL(server.url);
  const requests = new Set<http.ClientRequest>();
  return {
    users: users.length,
    listen: (fn) => {
      deliver = fn;
    },
    cancel: () => {
      for (const req of requests) req.destroy();
    },
    send: (from, id) =>
      new Promise((resolve, reject) => {
        const payload = JSON.stringify({ id, body: body(id) });
        const { session } = users[from] as (typeof users)[number];
        const req = http.request(
          {
            host: hostname,
            port,
            method: 'POST',
            path: `/api/v1/conversations/${conversations[from >> 1]}/messages`,
            agent,
            headers: {
              cookie: session.cookie,
              'x-csrf-token': session.csrfToken,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            },
          },
          (res) => {
            res.resume();
            res.once('end', () =>
              res.statusCode === 201 ? resolve() : reject(new Error(`send: ${res.statusCode}`)),
            );
          },
        );
        requests.add(req);
        req.once('close', () => requests.delete(req));
        req.once('error', reject);
        req.end(payload);
      }),
    close: async () => {
      closeAll(sockets);
      agent.destroy();
    },
  };
}

/** ejabberd: the same pairs as XMPP accounts u0, u1, …, each one connection, sending `chat` messages. */
export async function xmppMessenger(ejabberd: Ejabberd, pairs = PAIRS): Promise<Messenger> {
  let deliver = (_to: number, _id: string) => {};
  let firstError: unknown;
  const clients: XmppClient[] = [];
  try {
    for (let i = 0; i < 2 * pairs; i++) {
      const c = client({
        service: `xmpp://127.0.0.1:${ejabberd.port}`,
        domain: EJABBERD_HOST,
        username: `u${i}`,
        password: BENCH_PASSWORD,
        resource: 'bench',
      });
      clients.push(c);
      c.on('error', (error) => {
        firstError ??= error;
      });
      c.on('stanza', (s) => {
        if (s.is('message') && s.attrs.type === 'chat' && s.attrs.id) deliver(i, s.attrs.id);
      });
      await c.start();
      // A dropped connection must fail the step, not come back quietly halfway through it.
      c.reconnect.stop();
      // Nagle plus delayed ACK would add tens of milliseconds that are no server's doing.
      c.socket?.setNoDelay(true);
      await c.send(xml('presence'));
    }
  } catch (error) {
    await Promise.allSettled(clients.map((c) => c.stop()));
    throw error;
  }
  return {
    users: clients.length,
    listen: (fn) => {
      deliver = fn;
    },
    // Sends are written to the socket at once: the backlog is the server's, nothing to drop.
    cancel: () => {},
    send: (from, id) => {
      if (firstError) return Promise.reject(firstError);
      const stanza = xml(
        'message',
        { type: 'chat', to: `u${from ^ 1}@${EJABBERD_HOST}`, id },
        xml('body', {}, body(id)),
      );
      return (clients[from] as XmppClient).send(stanza);
    },
    close: async () => {
      await Promise.allSettled(clients.map((c) => c.stop()));
    },
  };
}

export interface OneToOne {
  parley: Messenger;
  ejabberd: { server: Ejabberd; messenger: Messenger; version: string } | { skipped: string };
  close(): Promise<void>;
}

/**
 * The users, conversations and connections on both systems, set up once for all runs. ejabberd is
 * started here (installed first when missing and we are root) and skipped, saying why, when it cannot.
 */
export async function prepareOneToOne(server: BenchServer, databaseUrl?: string): Promise<OneToOne> {
  const parley = await parleyMessenger(server);
  let ejabberd: OneToOne['ejabberd'];
  let started: Ejabberd | undefined;
  try {
    const result = await startEjabberd(databaseUrl, 2 * PAIRS, BENCH_PASSWORD);
    if ('skipped' in result) ejabberd = result;
    else {
      started = result;
      ejabberd = { server: result, messenger: await xmppMessenger(result), version: result.version };
    }
  } catch (error) {
    await started?.stop();
    ejabberd = {
      skipped: `ejabberd did not start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if ('skipped' in ejabberd) process.stderr.write(`bench: one-to-one: ${ejabberd.skipped}\n`);
  return {
    parley,
    ejabberd,
    close: async () => {
      await parley.close();
      if (!('skipped' in ejabberd)) {
        await ejabberd.messenger.close();
        await ejabberd.server.stop();
      }
    },
  };
}

/** One run of S2: each system's ceiling and its latencies at RATES. */
export async function benchOneToOne(prepared: OneToOne) {
  const parley = await findCeiling(prepared.parley, 'parley');
  const e = prepared.ejabberd;
  const ejabberd =
    'skipped' in e ? e : { version: e.version, ...(await findCeiling(e.messenger, 'ejabberd')) };
  return {
    pairs: PAIRS,
    ceilingDefinition: `highest offered rate with ≥ ${SUSTAINED.deliveredShare * 100} % of the window's messages delivered within ${GRACE_MS} ms of its end and p99 ≤ ${SUSTAINED.p99Ms} ms (${WARMUP_MS} ms warm-up, ${WINDOW_MS} ms window), to within an eighth`,
    parley,
    ejabberd,
    ratio:
      'skipped' in ejabberd || !ejabberd.ceilingPerSec
        ? null
        : round(parley.ceilingPerSec / ejabberd.ceilingPerSec),
    target: 'ceiling ≥ 1.2× ejabberd; p99 ≤ 10 ms at 3,000 msg/s',
  };
}
