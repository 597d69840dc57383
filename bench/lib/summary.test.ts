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
    expect(md).toContain('| S2 one-to-one | not run |');
  });

  it('gives S2 both ceilings and their ratio, and the latencies at 1k, 2k and 3k msg/s', () => {
    const step = (offeredPerSec: number, p99Ms: number | null, sustained = true) => ({
      offeredPerSec,
      delivered: p99Ms === null ? 0 : 5000,
      lost: sustained ? 0 : 1200,
      p50Ms: p99Ms === null ? null : 3,
      p99Ms,
      p999Ms: p99Ms === null ? null : 40,
      sustained,
    });
    const md = summaryMarkdown({
      ...base,
      oneToOne: {
        pairs: 8,
        parley: {
          ceilingPerSec: 1500,
          rates: [step(1000, 9), step(2000, 900, false), step(3000, null, false)],
        },
        ejabberd: {
          version: '23.01-1',
          ceilingPerSec: 2500,
          rates: [step(1000, 8), step(2000, 12), step(3000, null, false)],
        },
        ratio: 0.6,
      },
    });
    expect(md).toContain(
      '| S2 one-to-one, 8 pairs: ceiling | 1,500 msg/s | ejabberd 23.01-1 2,500 msg/s | 0.60× |',
    );
    expect(md).toContain(
      '| S2 p50 / p99 / p99.9 at 1k, 2k, 3k msg/s | 1k: 3 / 9 / 40 ms; 2k: 3 / 900 / 40 ms (not sustained, 1,200 lost); 3k: fell behind, none delivered | ejabberd 1k: 3 / 8 / 40 ms; 2k: 3 / 12 / 40 ms; 3k: fell behind, none delivered |',
    );
  });

  it('says why S2 ran without ejabberd', () => {
    const md = summaryMarkdown({
      ...base,
      oneToOne: {
        pairs: 8,
        parley: { ceilingPerSec: 1500, rates: [] },
        ejabberd: { skipped: 'ejabberd archives to PostgreSQL: set DATABASE_URL' },
        ratio: null,
      },
    });
    expect(md).toContain(
      '| 1,500 msg/s | ejabberd skipped: ejabberd archives to PostgreSQL: set DATABASE_URL | — |',
    );
  });

  it('keeps a multi-line skip reason on its table row, its separators escaped', () => {
    const md = summaryMarkdown({
      ...base,
      oneToOne: {
        pairs: 8,
        parley: { ceilingPerSec: 470, rates: [] },
        ejabberd: {
          skipped:
            'ejabberd did not start: register failed:\n** exception error: bad argument | atom\n   in call',
        },
        ratio: null,
      },
    });
    expect(md).toContain(
      '| ejabberd skipped: ejabberd did not start: register failed: ** exception error: bad argument \\| atom in call | — | ≥ 1.2× ejabberd |',
    );
  });

  it("gives the dashboard's worst p95 for an agent and a supervisor, and where S1's server time went", () => {
    const md = summaryMarkdown({
      ...base,
      dashboard: {
        conversations: 100000,
        messages: 1000000,
        agentWorstP95Ms: 18.5,
        supervisorWorstP95Ms: 12.25,
        agent: { open: { p95Ms: 9.5 }, counts: { p95Ms: 18.5 } },
        targetP95Ms: 20,
      },
      storeAndAckProfile: {
        summary: 'bench/results/profile-s1.txt',
        byArea: [
          { area: 'native', share: 40 },
          { area: 'drizzle-orm', share: 20 },
        ],
      },
    });
    expect(md).toContain(
      "| Message Center dashboard (100,000 conversations, 1,000,000 messages) | worst p95 of the five filters and the counts: agent 18.5 ms, supervisor 12.25 ms (agent's Open 9.5 ms, counts 18.5 ms) | — | — | p95 < 20 ms |",
    );
    expect(md).toContain(
      "Where S1's server CPU goes (self time, `bench/results/profile-s1.txt`): native 40 %, drizzle-orm 20 %.",
    );
    expect(summaryMarkdown({ ...base, dashboard: { skipped: 'needs PostgreSQL' } })).toContain(
      '| Message Center dashboard | skipped: needs PostgreSQL |',
    );
  });

  it("puts S1's floor and pgbench's latency at the half-load rate beside S1, and where each request's CPU goes", () => {
    const cpu = (machineMs: number, serverMs: number, postgresMs: number) => ({
      machineMs,
      serverMs,
      postgresMs,
      redisMs: 0.05,
      loadGeneratorMs: 0.2,
      otherMs: 0.01,
      coresBusy: 1.5,
      coresStolen: 0.02,
    });
    const md = summaryMarkdown({
      ...base,
      storeAndAck: {
        statementsPerSend: { note: 3, text: 15 },
        s1: {
          requestsPerSec: 700,
          p99Ms: 40,
          atHalfLoad: { requestsPerSec: 350, p99Ms: 30 },
          cpuPerRequest: cpu(2.2, 1.05, 0.82),
        },
        s6: {
          requestsPerSec: 170,
          lossVsS1: 0.76,
          statementsPerTextWithItsJob: 24,
          cpuPerRequest: cpu(9.4, 5.3, 3.35),
        },
        pgbenchTps: 9400,
        pgbenchCpuPerTransaction: {
          machineMs: 0.16,
          pgbenchMs: 0.02,
          postgresMs: 0.13,
          otherMs: 0.01,
          coresBusy: 1.49,
        },
        pgbenchAtS1HalfLoadRate: { ratePerSec: 350, p50Ms: 0.8, p99Ms: 22.5 },
        ratioToPgbench: 0.07,
        floor: {
          roundTrips: 3,
          requestsPerSec: 2800,
          ratioToPgbench: 0.3,
          parleyShare: 0.25,
          cpuPerRequest: cpu(0.55, 0.23, 0.22),
        },
      },
    });
    expect(md).toContain(
      "pgbench 9,400 tps; at S1's half-load rate (350/s) p50 0.8 ms, p99 22.5 ms | 0.07× |",
    );
    expect(md).toContain(
      "| S1's floor: a bare HTTP server doing only a note's 3 round trips | 2,800 req/s; Parley reaches 25 % of it | pgbench 9,400 tps | 0.30× |",
    );
    expect(md).toContain('| 170 req/s; 15 statements per text, 24 with its SMS job and delivery callbacks |');
    expect(md).toContain('| S1, a note | 2.200 | 1.050 | 0.820 | 0.050 | 0.200 | 0.010 | 1.5 | 0.02 |');
    expect(md).toContain(
      '| pgbench, one insert (its client in the server column) | 0.160 | 0.020 | 0.130 | — | — | 0.010 | 1.49 | — |',
    );
    // 0.82 + 0.05 + 0.23 + 0.2 = 1.3 ms at least; 0.16 / 1.3 = 0.12×.
    expect(md).toContain(
      "S1's target, 0.20× of pgbench, leaves a note 0.800 ms of machine CPU (five pgbench transactions). A note costs at least PostgreSQL's time on its statements (0.820 ms), Redis's (0.050 ms) and what a bare server and the load generator spend on its round trips (0.230 + 0.200 ms, the floor's): 1.300 ms, so these statements allow at most 0.12× on this machine.",
    );
    // 1 - 2.2 / 3.35 = 34 %.
    expect(md).toContain(
      "S6's target, at most 10 % lost, leaves a text 2.444 ms of machine CPU; PostgreSQL alone spends 3.350 ms on a text, its SMS job and callbacks, so at least 34 % is lost whatever the server does.",
    );
  });
});
