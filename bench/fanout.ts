import { spawn } from 'node:child_process';
import type WebSocket from 'ws';
import { memoryAfterGc, perItem } from './lib/inspector';
import { type BenchServer, signIn, startServer } from './lib/server';
import { percentile, round } from './lib/stats';
import { closeAll, openSockets } from './lib/ws-clients';

/**
 * Waits until every socket has received `perSocket` frames of type pong; resolves with the time taken.
 * Fails as soon as the server drops a socket (slow consumer, missed heartbeat): its frames would never come.
 */
function awaitFrames(
  sockets: WebSocket[],
  perSocket: number,
  onFrame?: (at: number) => void,
): Promise<number> {
  const started = performance.now();
  let remaining = sockets.length * perSocket;
  return new Promise((resolve, reject) => {
    const finish = () => {
      for (const s of sockets) s.removeAllListeners('message').removeAllListeners('close');
    };
    for (const ws of sockets) {
      const handler = (raw: WebSocket.RawData) => {
        if (!raw.toString().includes('"pong"')) return;
        onFrame?.(performance.now());
        if (--remaining === 0) {
          finish();
          resolve(performance.now() - started);
        }
      };
      ws.on('message', handler);
      ws.once('close', (code, reason) => {
        finish();
        reject(new Error(`the server closed a socket mid-run: ${code} ${reason.toString()}`));
      });
    }
  });
}

/**
 * S3: one sender, N sockets, through the full stack (HTTP → bus → gateway → sockets), against a bare
 * `ws` broadcast server with the same clients. Deliveries per second, and fan-out latency (request
 * sent → last socket received) of single events. With a receiver, the sockets are on that other
 * process and every event crosses Redis (S4).
 */
export async function benchFanout(server: BenchServer, sockets = 1000, bursts = 200, receiver = server) {
  const { cookie, csrfToken } = await signIn(server.url, 'admin@demo.parley.test');
  const wsUrl = `${receiver.url.replace('http', 'ws')}/api/v1/stream`;
  const clients = await openSockets(wsUrl, sockets, { cookie, origin: receiver.url });
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

/**
 * S5: server memory per idle socket, Parley against bare `ws`, with 10,000 sockets each. Both servers run
 * with the inspector on, and memory is read after forced garbage collections (bench/lib/inspector.ts).
 */
export async function benchIdleSockets(sockets = 10_000) {
  const inspectPort = 9231;
  const server = await startServer({ port: 18075, nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] });
  let parley: ReturnType<typeof perItem>;
  try {
    const { cookie } = await signIn(server.url, 'admin@demo.parley.test');
    const wsUrl = `${server.url.replace('http', 'ws')}/api/v1/stream`;
    // One socket first, so what the first stream of a process loads once is not counted per socket.
    const warm = await openSockets(wsUrl, 1, { cookie, origin: server.url }, { untilReady: true });
    const before = await memoryAfterGc(inspectPort);
    const clients = await openSockets(wsUrl, sockets, { cookie, origin: server.url }, { untilReady: true });
    const after = await memoryAfterGc(inspectPort);
    parley = perItem(before, after, sockets);
    closeAll([...warm, ...clients]);
  } finally {
    await server.stop();
  }

  const port = 18091;
  const bareInspect = 9232;
  const child = spawn(
    process.execPath,
    [`--inspect=127.0.0.1:${bareInspect}`, '--import', 'tsx', 'bench/lib/bare-ws-server.ts', String(port)],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let bare: ReturnType<typeof perItem>;
  try {
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
    const warm = await openSockets(`ws://127.0.0.1:${port}`, 1, {});
    const before = await memoryAfterGc(bareInspect);
    const clients = await openSockets(`ws://127.0.0.1:${port}`, sockets, {});
    const after = await memoryAfterGc(bareInspect);
    bare = perItem(before, after, sockets);
    closeAll([...warm, ...clients]);
  } finally {
    child.kill();
  }
  return {
    sockets,
    method: 'process.memoryUsage() after forced GC through the inspector; retained = heapUsed + external',
    parleyBytesPerSocket: parley,
    bareWsBytesPerSocket: bare,
    ratio: round(parley.retainedBytes / bare.retainedBytes),
    rssRatio: round(parley.rssBytes / bare.rssBytes),
    target: '≤ 2× bare ws and ≤ 20 KiB per connection',
  };
}
