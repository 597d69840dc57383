import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchColdStart } from './cold-start';
import { benchFanout, benchIdleSockets } from './fanout';
import { startServer } from './lib/server';
import { benchStoreAndAck } from './store-and-ack';

// npm run bench [-- scenario …]: runs the benchmarks of DESIGN.md §6 that exist so far and writes
// bench/results/<timestamp>.json plus bench/results/latest.json. Ratios are to references measured
// in the same run on the same machine.
const wanted = new Set(process.argv.slice(2));
const want = (name: string) => wanted.size === 0 || wanted.has(name);

/** A new database on the same PostgreSQL server for this run. */
async function freshDatabase(url: string): Promise<string> {
  const name = `parley_bench_${Date.now()}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  execFileSync('psql', [admin.toString(), '-qc', `CREATE DATABASE ${name}`]);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main() {
  mkdirSync(path.resolve('.tmp'), { recursive: true });
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    engine: process.env.DATABASE_URL ? 'postgres' : 'pglite',
  };
  if (want('cold-start')) results.coldStart = await benchColdStart();
  if (want('idle-sockets')) results.idleSockets = await benchIdleSockets();
  const databaseUrl = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL) : undefined;
  const server = await startServer({
    port: 18080,
    env: databaseUrl
      ? {
          DATABASE_URL: databaseUrl,
          PARLEY_DEMO: '1',
          PARLEY_MASTER_KEY: randomBytes(32).toString('base64'),
          ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
        }
      : {},
  });
  try {
    if (want('store-and-ack')) results.storeAndAck = await benchStoreAndAck(server, databaseUrl);
    if (want('fanout')) results.fanout = await benchFanout(server);
  } finally {
    await server.stop();
  }
  const dir = path.resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(path.join(dir, `${results.at as string}.json`.replaceAll(':', '-')), json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  process.stdout.write(json);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
