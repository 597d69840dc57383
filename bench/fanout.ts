import { spawn } from 'node:child_process';
import type WebSocket from 'ws';
import { type BenchServer, signIn } from './lib/server';
import { percentile, round } from './lib/stats';
import { closeAll, openSockets } from './lib/ws-clients';

/** Waits until every socket has received `perSocket` frames of type pong; resolves with the time taken. */
function awaitFrames(
  sockets: WebSocket[],
  perSocket: number,
  onFrame?: (at: number) => void,
): Promise<number> {
  const started = performance.now();
  let remaining = sockets.length * perSocket;
  return new Promise((resolve) => {
    for (const ws of sockets) {
      const handler = (raw: WebSocket.RawData) => {
        if (!raw.toString().includes('"pong"')) return;
        onFrame?.(performance.now());
        if (--remaining === 0) {
          for (const s of sockets) s.removeAllListeners('message');
          resolve(performance.now() - started);
        }
      };
      ws.on('message', handler);
    }
  });
}

/**
 * S3: one sender, N sockets, through the full stack (HTTP → bus → gateway → sockets), against a bare
 * `ws` broadcast server with the same clients. Deliveries per second, and fan-out latency (request
 * sent → last socket received) of single events.
 */
export async function benchFanout(server: BenchServer, sockets = 1000, bursts = 200) {
  const { cookie, csrfToken } = await signIn(server.url, 'admin@demo.parley.test');
  const wsUrl = `${server.url.replace('http', 'ws')}/api/v1/stream`;
  const clients = await openSockets(wsUrl, sockets, { cookie, origin: server.url });
  const ping = () =>
    fetch(`${server.url}/api/v1/stream/ping`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });

  const latencies: number[] = [];
  for (let i = 0; i < 50; i++) {
    const sent = performance.now();
    const done = awaitFrames(clients, 1);
    await ping();
    await done;
    latencies.push(performance.now() - sent);
  }
  const burst = awaitFrames(clients, bursts);
  await Promise.all(Array.from({ length: bursts }, ping));
  const burstMs = await burst;
  closeAll(clients);

  const bare = await bareFanout(sockets, bursts);
  const parley = (sockets * bursts) / (burstMs / 1000);
  return {
    sockets,
    events: bursts,
    parleyDeliveriesPerSec: Math.round(parley),
    bareWsDeliveriesPerSec: Math.round(bare),
    ratio: round(parley / bare),
    target: '≥ 0.5× bare ws, p99 ≤ 50 ms',
    latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
  };
}

async function bareFanout(sockets: number, bursts: number): Promise<number> {
  const port = 18090;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/bare-ws-server.ts', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  try {
    const clients = await openSockets(`ws://127.0.0.1:${port}`, sockets, {});
    const done = awaitFrames(clients, bursts);
    clients[0]?.send(`b:${bursts}`);
    const ms = await done;
    closeAll(clients);
    return (sockets * bursts) / (ms / 1000);
  } finally {
    child.kill();
  }
}

/** S5: server memory per idle socket, Parley against bare `ws`. */
export async function benchIdleSockets(server: BenchServer, sockets = 2000) {
  const { cookie } = await signIn(server.url, 'admin@demo.parley.test');
  const rss = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/parley_process_resident_memory_bytes (\d+)/.exec(text)?.[1]);
  };
  global.gc?.();
  const before = await rss();
  const clients = await openSockets(`${server.url.replace('http', 'ws')}/api/v1/stream`, sockets, {
    cookie,
    origin: server.url,
  });
  await new Promise((r) => setTimeout(r, 2000));
  const after = await rss();
  closeAll(clients);
  const parleyPerSocket = (after - before) / sockets;

  const port = 18091;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/bare-ws-server.ts', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  const probe = (await openSockets(`ws://127.0.0.1:${port}`, 1, {}))[0] as WebSocket;
  const memory = () =>
    new Promise<number>((resolve) => {
      probe.once('message', (raw) => resolve(JSON.parse(raw.toString()).rss));
      probe.send('m');
    });
  const bareBefore = await memory();
  const bareClients = await openSockets(`ws://127.0.0.1:${port}`, sockets, {});
  await new Promise((r) => setTimeout(r, 2000));
  const bareAfter = await memory();
  closeAll(bareClients);
  probe.terminate();
  child.kill();
  const barePerSocket = (bareAfter - bareBefore) / sockets;
  return {
    sockets,
    parleyBytesPerSocket: Math.round(parleyPerSocket),
    bareWsBytesPerSocket: Math.round(barePerSocket),
    ratio: round(parleyPerSocket / barePerSocket),
    target: '≤ 2× bare ws and ≤ 20 KiB per connection',
  };
}
