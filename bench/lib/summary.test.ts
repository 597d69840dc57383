import { describe, expect, it } from 'vitest';
import { type BenchResults, summaryMarkdown } from './summary';

const base: BenchResults = {
  at: '2026-12-01T18:00:00.000Z',
  commit: '0123456789abcdef',
  runsPerScenario: 3,
  machine: { cpus: 2, model: 'Test CPU', memGiB: 24 },
  engine: 'postgres',
};

describe('summaryMarkdown', () => {
  it('states the date, commit, machine and number of runs', () => {
    const md = summaryMarkdown(base);
    expect(md).toContain('Measured 2026-12-01 at commit `0123456789`');
    expect(md).toContain('2 cores (Test CPU), 24 GiB, PostgreSQL + Redis');
    expect(md).toContain('ran 3 times');
  });

  it('puts each figure beside its reference, ratio and target', () => {
    const md = summaryMarkdown({
      ...base,
      storeAndAck: {
        s1: { requestsPerSec: 2100, p99Ms: 30, atHalfLoad: { requestsPerSec: 1050, p99Ms: 12 } },
        s6: { requestsPerSec: 1995, lossVsS1: 0.05 },
        pgbenchTps: 10000,
        ratioToPgbench: 0.21,
      },
      fanout: {
        sockets: 1000,
        parleyDeliveriesPerSec: 90000,
        bareWsDeliveriesPerSec: 100000,
        ratio: 0.9,
        latencyMs: { p99: 20 },
      },
    });
    expect(md).toContain(
      '| S1 store-and-ack (16 connections) | 2,100 req/s, p99 30 ms; at half load p99 12 ms | pgbench 10,000 tps | 0.21× |',
    );
    expect(md).toContain('| S6 S1 with an SMS job | 1,995 req/s | S1 2,100 req/s | 5 % lost | ≤ 10 % lost |');
    expect(md).toContain(
      '| S3 fan-out to 1,000 sockets | 90,000 deliveries/s, p99 20 ms | bare ws 100,000/s | 0.90× |',
    );
  });

  it('says which scenarios did not run and why a skipped one was skipped', () => {
    const md = summaryMarkdown({
      ...base,
      engine: 'pglite',
      scaleOut: { skipped: 'two processes need DATABASE_URL and REDIS_URL' },
    });
    expect(md).toContain('| S1 store-and-ack | not run |');
    expect(md).toContain('skipped: two processes need DATABASE_URL and REDIS_URL');
    expect(md).toContain('not measured (needs the `internal` conversation kind)');
  });
});
