import { percentile, round } from './stats';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one open-loop load found in its measured window. */
export interface OpenLoopResult {
  offeredPerSec: number;
  /** Answers with a 2xx status in the window, per second of the window. */
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  errors: number;
}

/**
 * Open-loop load: POSTs `body` to the urls in turn at evenly spaced times, `ratePerSec` of them per
 * second whether or not earlier ones were answered, and times each from when it was due to its answer,
 * so a stall shows in every request it delays (no coordinated omission; pgbench's `-R` times its
 * transactions the same way). A warm-up second is sent but not counted. Requests go over keep-alive
 * connections, as many as are in flight.
 *
 * autocannon's `overallRate` is not this: each connection sends flat out until its share of the second
 * is used, then waits for the next second.
 */
export async function openLoop(options: {
  urls: string[];
  headers: Record<string, string>;
  body: string;
  ratePerSec: number;
  seconds: number;
  warmUpSeconds?: number;
}): Promise<OpenLoopResult> {
  const { urls, body, ratePerSec, seconds } = options;
  const headers = { ...options.headers, 'content-type': 'application/json' };
  const interval = 1000 / ratePerSec;
  const start = performance.now();
  const windowStart = start + (options.warmUpSeconds ?? 1) * 1000;
  const end = windowStart + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  let k = 0;
  for (;;) {
    const now = performance.now();
    // Everything due goes now, even after a late timer: the offered rate never bends to the server.
    for (let due = start + k * interval; due <= now && due < end; due = start + ++k * interval) {
      const counted = due >= windowStart;
      const sent: Promise<void> = fetch(urls[k % urls.length] as string, { method: 'POST', headers, body })
        .then(async (response) => {
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`status ${response.status}`);
          if (counted) latencies.push(performance.now() - due);
        })
        .catch(() => {
          if (counted) errors++;
        })
        .finally(() => inFlight.delete(sent));
      inFlight.add(sent);
    }
    if (start + k * interval >= end) break;
    await sleep(Math.max(0, start + k * interval - performance.now()));
  }
  await Promise.race([Promise.all(inFlight), sleep(10_000)]);
  return {
    offeredPerSec: ratePerSec,
    requestsPerSec: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    p999Ms: round(percentile(latencies, 99.9)),
    errors: errors + inFlight.size,
  };
}
