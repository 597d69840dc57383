import type WebSocket from 'ws';
import { benchFanout } from './fanout';
import { type BenchServer, signIn } from './lib/server';
import { percentile, round } from './lib/stats';
import { closeAll, openSockets } from './lib/ws-clients';
import { type BenchThreads, load, NOTE } from './store-and-ack';

/** Milliseconds from POSTing a note on `sender` to its message.created frame on a stream of `receiver`. */
async function deliveryLatencies(
  sender: BenchServer,
  receiver: BenchServer,
  threads: BenchThreads,
  samples: number,
): Promise<number[]> {
  const { cookie } = await signIn(receiver.url, 'attorney1@demo.parley.test');
  const [socket] = await openSockets(
    `${receiver.url.replace('http', 'ws')}/api/v1/stream`,
    1,
    { cookie, origin: receiver.url },
    { untilReady: true },
  );
  const ws = socket as WebSocket;
  const latencies: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const path = threads.urls[i % threads.urls.length] as string;
      const delivered = new Promise<void>((resolve) => {
        const onFrame = (raw: WebSocket.RawData) => {
          if ((JSON.parse(raw.toString()) as { type?: string }).type !== 'message.created') return;
          ws.off('message', onFrame);
          resolve();
        };
        ws.on('message', onFrame);
      });
      const sent = performance.now();
      const res = await fetch(sender.url + path, {
        method: 'POST',
        headers: { ...threads.headers, 'content-type': 'application/json' },
        body: NOTE,
      });
      if (res.status !== 201) throw new Error(`send failed: ${res.status}`);
      await delivered;
      latencies.push(performance.now() - sent);
    }
  } finally {
    closeAll([ws]);
  }
  return latencies;
}

const summarise = (values: number[]) => ({
  p50Ms: round(percentile(values, 50)),
  p99Ms: round(percentile(values, 99)),
});

/**
 * S4: two Parley processes on one PostgreSQL and one Redis. Throughput of staff notes with 16
 * connections on process A alone, then 8 on A and 8 on B at once; latency of a note sent through A to a
 * stream on B (through Redis), beside the same with sender and stream both on A; and S3's fan-out with
 * the sender on A and the 1,000 sockets on B, against oneProcessFanout (S3's deliveries/s on A alone).
 */
export async function benchScaleOut(
  a: BenchServer,
  b: BenchServer,
  threads: BenchThreads,
  oneProcessFanout: number,
) {
  const on = (server: BenchServer) => threads.urls.map((p) => server.url + p);
  const single = await load(on(a), threads.headers, NOTE, 16);
  const [fromA, fromB] = await Promise.all([
    load(on(a), threads.headers, NOTE, 8),
    load(on(b), threads.headers, NOTE, 8),
  ]);
  const total = fromA.requestsPerSec + fromB.requestsPerSec;
  const sameProcess = await deliveryLatencies(a, a, threads, 200);
  const crossProcess = await deliveryLatencies(a, b, threads, 200);
  const fanout = await benchFanout(a, 1000, 200, b);
  const same = summarise(sameProcess);
  const cross = summarise(crossProcess);
  return {
    oneProcessRequestsPerSec: single.requestsPerSec,
    twoProcesses: { aRequestsPerSec: fromA.requestsPerSec, bRequestsPerSec: fromB.requestsPerSec, total },
    ratio: round(total / single.requestsPerSec),
    fanoutAcrossProcesses: {
      parleyDeliveriesPerSec: fanout.parleyDeliveriesPerSec,
      latencyMs: fanout.latencyMs,
    },
    fanoutRatio: round(fanout.parleyDeliveriesPerSec / oneProcessFanout),
    deliveryLatency: {
      sameProcess: same,
      acrossProcesses: cross,
      addedP50Ms: round(cross.p50Ms - same.p50Ms),
    },
    target: 'two processes ≥ 0.9× one process (S1 notes and S3 fan-out)',
  };
}
