import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLoop } from './open-loop';

// A server that answers at once, but stalls for 300 ms at its 100th request (mid-run at 200/s), holding
// every answer meanwhile.
let stalledUntil = 0;
let received = 0;
let receivedWhileStalled = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    received++;
    if (received === 100) stalledUntil = performance.now() + 300;
    const wait = stalledUntil - performance.now();
    if (wait > 0) receivedWhileStalled++;
    setTimeout(() => response.writeHead(201).end('{}'), Math.max(0, wait));
  });
});
let url: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

describe('openLoop', () => {
  it('keeps sending on schedule through a stall and times every request from when it was due', async () => {
    received = 0;
    receivedWhileStalled = 0;
    const result = await openLoop({
      urls: [`${url}/a`, `${url}/b`],
      headers: {},
      body: '{}',
      ratePerSec: 200,
      seconds: 1,
      warmUpSeconds: 0.2,
    });
    // Every request of the warm-up and the window went out, whatever the answers did.
    expect(received).toBe(240);
    expect(receivedWhileStalled).toBeGreaterThan(10);
    expect(result.errors).toBe(0);
    expect(result.requestsPerSec).toBe(200);
    // The requests due during the stall waited for its end: far more than 1 % of them were late.
    expect(result.p99Ms).toBeGreaterThanOrEqual(100);
  });
});
