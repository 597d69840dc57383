import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchColdStart } from './cold-start';
import { benchDashboard } from './dashboard';
import { benchFanout, benchIdleSockets } from './fanout';
import { withCarriedOver } from './lib/carry-over';
import { repeat } from './lib/repeat';
import { startServer } from './lib/server';
import { type BenchResults, summaryMarkdown } from './lib/summary';
import { benchOneToOne, prepareOneToOne } from './one-to-one';
import { benchScaleOut } from './scale-out';
import { benchStoreAndAck, prepareThreads, profileStoreAndAck } from './store-and-ack';

// npm run bench [-- scenario …]: runs the benchmarks of DESIGN.md §6 that exist so far, each
// BENCH_RUNS times (default 3), keeps each scenario's median run and writes
// bench/results/<timestamp>.json, latest.json and SUMMARY.md. Ratios are to references measured in
// the same run on the same machine.
const wanted = new Set(process.argv.slice(2));
const want = (name: string) => wanted.size === 0 || wanted.has(name);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

// The databases this run created, dropped when it ends: the dashboard's alone holds a million messages.
const createdDatabases: string[] = [];

/** A new database on the same PostgreSQL server for this run. */
async function freshDatabase(url: string): Promise<string> {
  const name = `parley_bench_${Date.now()}`;
  createdDatabases.push(name);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  execFileSync('psql', [admin.toString(), '-qc', `CREATE DATABASE ${name}`]);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD']).toString().trim();
  } catch {
    return 'unknown';
  }
}

async function main() {
  mkdirSync(path.resolve('.tmp'), { recursive: true });
  const results: BenchResults & Record<string, unknown> = {
    at: new Date().toISOString(),
    commit: commit(),
    runsPerScenario: RUNS,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    engine: process.env.DATABASE_URL ? 'postgres' : 'pglite',
  };
  const runs: Record<string, number[]> = {};
  const measure = async <T>(name: string, scenario: () => Promise<T>, headline: (r: T) => number) => {
    process.stderr.write(`bench: ${name} ×${RUNS}\n`);
    const { median, runs: figures } = await repeat(RUNS, scenario, headline);
    runs[name] = figures;
    return median;
  };

  if (want('cold-start'))
    results.coldStart = await measure('cold-start', benchColdStart, (r) => r.newDataFolderMs);
  if (want('idle-sockets'))
    results.idleSockets = await measure(
      'idle-sockets',
      () => benchIdleSockets(),
      (r) => r.ratio,
    );
  // The scenarios that share one server (the dashboard seeds its own).
  if (['store-and-ack', 'one-to-one', 'fanout', 'scale-out'].some(want)) {
    const databaseUrl = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL) : undefined;
    const sharedEnv: Record<string, string> = databaseUrl
      ? {
          DATABASE_URL: databaseUrl,
          PARLEY_DEMO: '1',
          PARLEY_MASTER_KEY: randomBytes(32).toString('base64'),
          ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
        }
      : {};
    // The inspector stays detached but for the profiled S1 load after the measured ones.
    const inspectPort = 9239;
    const server = await startServer({
      port: 18080,
      env: sharedEnv,
      nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`],
    });
    try {
      const threads = await prepareThreads(server);
      if (want('store-and-ack')) {
        results.storeAndAck = await measure(
          'store-and-ack',
          () => benchStoreAndAck(server, threads, databaseUrl),
          (r) => r.s1.requestsPerSec,
        );
        results.storeAndAckProfile = await profileStoreAndAck(server, threads, inspectPort);
      }
      if (want('one-to-one')) {
        // ejabberd gets its own database on the same server; the runs share its users and connections.
        const prepared = await prepareOneToOne(server, process.env.DATABASE_URL);
        try {
          // The median run by the target's figure, the ratio to ejabberd (Parley's ceiling without it).
          results.oneToOne = await measure(
            'one-to-one',
            () => benchOneToOne(prepared),
            (r) => r.ratio ?? r.parley.ceilingPerSec,
          );
        } finally {
          await prepared.close();
        }
      }
      if (want('fanout'))
        results.fanout = await measure(
          'fanout',
          () => benchFanout(server),
          (r) => r.parleyDeliveriesPerSec,
        );
      if (want('scale-out')) {
        if (!databaseUrl || !process.env.REDIS_URL) {
          results.scaleOut = { skipped: 'two processes need DATABASE_URL and REDIS_URL' };
        } else {
          const second = await startServer({ port: 18081, dataDir: server.dataDir, env: sharedEnv });
          try {
            const oneProcessFanout =
              results.fanout?.parleyDeliveriesPerSec ?? (await benchFanout(server)).parleyDeliveriesPerSec;
            results.scaleOut = await measure(
              'scale-out',
              () => benchScaleOut(server, second, threads, oneProcessFanout),
              (r) => r.ratio,
            );
          } finally {
            await second.stop();
          }
        }
      }
    } finally {
      await server.stop();
    }
  }
  if (want('dashboard')) {
    // Its own database and server: a million messages would change every other scenario's numbers.
    if (!process.env.DATABASE_URL) {
      results.dashboard = { skipped: 'the dashboard scenario seeds PostgreSQL with COPY: set DATABASE_URL' };
    } else {
      const url = await freshDatabase(process.env.DATABASE_URL);
      const masterKey = randomBytes(32).toString('base64');
      const dashboardInspect = 9240;
      const dashboardServer = await startServer({
        port: 18082,
        env: { DATABASE_URL: url, PARLEY_DEMO: '1', PARLEY_MASTER_KEY: masterKey },
        nodeArgs: [`--inspect=127.0.0.1:${dashboardInspect}`],
      });
      try {
        // Seeding once is what takes long; the reads are measured SAMPLES times within one run.
        results.dashboard = await benchDashboard(dashboardServer, url, masterKey, dashboardInspect);
      } finally {
        await dashboardServer.stop();
      }
    }
  }
  results.runs = runs;
  const dir = path.resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  // A run of some scenarios keeps the others' figures from the last run, marked as such.
  const latest = path.join(dir, 'latest.json');
  const previous =
    wanted.size > 0 && existsSync(latest)
      ? (JSON.parse(readFileSync(latest, 'utf8')) as BenchResults)
      : undefined;
  const whole = withCarriedOver(results, previous);
  const json = `${JSON.stringify(whole, null, 2)}\n`;
  writeFileSync(path.join(dir, `${results.at}.json`.replaceAll(':', '-')), json);
  writeFileSync(latest, json);
  writeFileSync(path.join(dir, 'SUMMARY.md'), summaryMarkdown(whole));
  process.stdout.write(json);
}

function dropCreatedDatabases() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  for (const name of createdDatabases)
    execFileSync('psql', [admin.toString(), '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
}

main()
  .finally(dropCreatedDatabases)
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
