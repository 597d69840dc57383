import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { cpuDuring, type Grouping, perOperation } from './lib/cpu';
import { cpuProfileDuring } from './lib/inspector';
import { openLoop } from './lib/open-loop';
import { profileText, summarizeProfile } from './lib/profile-summary';
import { type BenchServer, signIn } from './lib/server';
import { pgbenchLatencies, round } from './lib/stats';

/** Runs autocannon for a few seconds, POSTing body to the urls in turn (one thread per request). */
export async function load(
  urls: string[],
  headers: Record<string, string>,
  body: string,
  connections: number,
  seconds = 8,
) {
  let next = 0;
  const paths = urls.map((u) => new URL(u).pathname);
  const result = await autocannon({
    url: urls[0] as string,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
    requests: [
      {
        setupRequest: (request) => {
          request.path = paths[next++ % paths.length] as string;
          return request;
        },
      },
    ],
    connections,
    duration: seconds,
  });
  return {
    requestsPerSec: Math.round(result.requests.average),
    answered: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * Where the machine's CPU goes while the server under test answers: its own process, PostgreSQL (every
 * backend and helper), Redis, and this process, which is the load generator. The rest of the machine's
 * busy time is reported apart.
 */
function groupsFor(serverPids: readonly number[]): Grouping {
  return (pid, comm) => {
    if (serverPids.includes(pid)) return 'server';
    if (pid === process.pid) return 'loadGenerator';
    if (comm === 'postgres') return 'postgres';
    if (comm.startsWith('redis-server')) return 'redis';
    if (comm === 'pgbench') return 'pgbench';
    return null;
  };
}

/** One load as `load` runs it, with the CPU time per answered request of each group of processes. */
async function loadWithCpu(serverPids: readonly number[], ...args: Parameters<typeof load>) {
  const { result, cpu } = await cpuDuring(groupsFor(serverPids), () => load(...args));
  return { ...result, cpuPerRequest: cpu ? perOperation(cpu, result.answered) : null };
}

/**
 * The pgbench reference: one message-shaped row per transaction, 8 clients (PostgreSQL runs only), with
 * the CPU time per transaction of PostgreSQL and of the whole machine (pgbench's own client included);
 * then the same at S1's half-load rate, for the latency this machine's commits alone show at that rate.
 */
async function pgbenchReference(databaseUrl: string, halfLoadRate: number) {
  const dir = mkdtempSync(path.resolve('.tmp', 'pgbench-'));
  const script = path.join(dir, 'insert.sql');
  writeFileSync(
    script,
    "INSERT INTO bench_messages (firm_id, id, conversation_id, author_type, author_id, body_sealed, created_at) VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'user', gen_random_uuid(), repeat('x', 120), now());\n",
  );
  const seconds = 8;
  const pgbench = (...args: string[]) =>
    promisify(execFile)('pgbench', [
      '-n',
      '-c',
      '8',
      '-j',
      '2',
      '-T',
      String(seconds),
      ...args,
      '-f',
      script,
      databaseUrl,
    ]);
  try {
    execFileSync('psql', [
      databaseUrl,
      '-qc',
      'DROP TABLE IF EXISTS bench_messages; CREATE TABLE bench_messages (firm_id uuid, id uuid, conversation_id uuid, author_type text, author_id uuid, body_sealed text, created_at timestamptz, PRIMARY KEY (firm_id, id))',
    ]);
    const { result, cpu } = await cpuDuring(groupsFor([]), () => pgbench());
    const tps = Number(/tps = ([\d.]+)/.exec(result.stdout)?.[1]);
    await pgbench('-R', String(halfLoadRate), '-l', '--log-prefix', path.join(dir, 'latency'));
    const logs = readdirSync(dir)
      .filter((name) => name.startsWith('latency'))
      .map((name) => readFileSync(path.join(dir, name), 'utf8'));
    execFileSync('psql', [databaseUrl, '-qc', 'DROP TABLE bench_messages']);
    return {
      tps,
      cpuPerTransaction: cpu ? perOperation(cpu, tps * seconds) : null,
      atS1HalfLoadRate: { ratePerSec: halfLoadRate, ...pgbenchLatencies(logs) },
    };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The machine's floor for S1 (bench/lib/floor-server.ts): a bare HTTP server doing only the PostgreSQL
 * round trips a note takes, under the same load. Parley's share of it is what its own work costs.
 */
async function floorReference(databaseUrl: string, roundTrips: number, threads: number) {
  const port = 18095;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/floor-server.ts', String(port), databaseUrl, String(roundTrips)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`floor server exited (${code})`)));
  });
  try {
    const urls = Array.from({ length: threads }, (_, i) => `http://127.0.0.1:${port}/threads/${i}/messages`);
    await load(urls, {}, NOTE, 16, 3);
    const measured = await loadWithCpu([child.pid as number], urls, {}, NOTE, 16);
    return { roundTrips, ...measured };
  } finally {
    if (child.exitCode === null && child.signalCode === null)
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
  }
}

/** A signed-in attorney and the message URLs of 16 secure-chat threads they belong to. */
export interface BenchThreads {
  headers: Record<string, string>;
  urls: string[];
}

/**
 * Real traffic spreads over many threads: 8 clients on the Roe matter, two threads each, all started by
 * the demo attorney. Paths are relative, so any process serving the same database can take them.
 */
export async function prepareThreads(server: BenchServer): Promise<BenchThreads> {
  const attorney = await signIn(server.url, 'attorney1@demo.parley.test');
  const headers = { cookie: attorney.cookie, 'x-csrf-token': attorney.csrfToken };
  const get = async (p: string) => (await fetch(server.url + p, { headers })).json() as Promise<any>;
  const post = (p: string, body: unknown) =>
    fetch(server.url + p, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const matters = await get('/api/v1/matters');
  const matter = matters.items.find((m: { name: string }) => m.name.startsWith('Roe'));
  const urls: string[] = [];
  for (let i = 0; i < 8; i++) {
    const phone = `+1202555${String(2000 + i).padStart(4, '0')}`;
    const contact = await (
      await post('/api/v1/contacts', { name: `Bench Client ${i}`, phones: [{ number: phone }] })
    ).json();
    await post(`/api/v1/matters/${matter.id}/contacts`, { contactId: contact.id });
    for (let n = 0; n < 2; n++) {
      const created = await post('/api/v1/conversations', {
        kind: 'secure_chat',
        matterId: matter.id,
        contactId: contact.id,
        contactPhone: phone,
      });
      if (created.status !== 201)
        throw new Error(`cannot start a thread: ${created.status} ${await created.text()}`);
      const conversation = (await created.json()) as { id: string };
      urls.push(`/api/v1/conversations/${conversation.id}/messages`);
    }
  }
  return { headers, urls };
}

/** A staff note: stored, audited and published, but texted to no one. */
export const NOTE = JSON.stringify({
  body: 'Called opposing counsel; they will send the draft on Monday.',
  visibility: 'note',
});

async function statementsSent(server: BenchServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^parley_db_statements_total (\d+)/m.exec(text)?.[1]);
}

/**
 * Statements the server sent while one message was stored (from /metrics), the fewest of five sends:
 * the outbox relay's polls may fall inside a send, never below it.
 */
async function statementsPerSend(server: BenchServer, threads: BenchThreads, body: string): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = await statementsSent(server);
    await fetch(server.url + threads.urls[0], {
      method: 'POST',
      headers: { ...threads.headers, 'content-type': 'application/json' },
      body,
    });
    counts.push((await statementsSent(server)) - before);
  }
  return Math.min(...counts);
}

/**
 * The statements the server sends until it is quiet again (its outbox jobs and their callbacks done),
 * read every 300 ms until fewer than 3 more were sent (the outbox relay's own poll), for at most 30 s.
 */
async function statementsOnceSettled(server: BenchServer): Promise<number> {
  let last = await statementsSent(server);
  for (const until = Date.now() + 30_000; Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await statementsSent(server);
    if (now - last < 3) return now;
    last = now;
  }
  return last;
}

/**
 * S1 (store-and-ack: auth, validate, encrypt, insert, 201) with staff notes, which send nothing, and
 * S6 with public texts, which queue an SMS job in the same transaction. Beside each: the CPU time per
 * request of the server, PostgreSQL, Redis and the load generator; for S6 also every statement a text
 * costs, its SMS job and the simulator's delivery callbacks included. With PostgreSQL, the references:
 * pgbench, and the floor of a bare server doing only a note's round trips (floorReference).
 */
export async function benchStoreAndAck(server: BenchServer, threads: BenchThreads, databaseUrl?: string) {
  const urls = threads.urls.map((p) => server.url + p);
  const serverPids = [server.child.pid as number];
  const text = JSON.stringify({ body: 'Your hearing is confirmed for Tuesday at 10am.' });
  const statements = {
    note: await statementsPerSend(server, threads, NOTE),
    text: await statementsPerSend(server, threads, text),
  };
  // Measured warm: the server's first seconds under load are spent compiling its hot code.
  await load(urls, threads.headers, NOTE, 16, 3);
  const s1 = await loadWithCpu(serverPids, urls, threads.headers, NOTE, 16);
  // Half load is paced evenly and timed from when each note was due, as pgbench's -R times its reference.
  const s1HalfLoad = await openLoop({
    urls,
    headers: threads.headers,
    body: NOTE,
    ratePerSec: Math.max(1, Math.round(s1.requestsPerSec / 2)),
    seconds: 8,
  });
  const before = await statementsOnceSettled(server);
  const s6 = await loadWithCpu(serverPids, urls, threads.headers, text, 16);
  const statementsPerText = Math.round(
    ((await statementsOnceSettled(server)) - before) / Math.max(1, s6.answered),
  );
  const reference = databaseUrl ? await pgbenchReference(databaseUrl, s1HalfLoad.offeredPerSec) : null;
  const floor = databaseUrl ? await floorReference(databaseUrl, statements.note, urls.length) : null;
  return {
    threads: urls.length,
    statementsPerSend: statements,
    s1: { ...s1, atHalfLoad: s1HalfLoad },
    s6: {
      ...s6,
      lossVsS1: round(1 - s6.requestsPerSec / s1.requestsPerSec),
      statementsPerTextWithItsJob: statementsPerText,
    },
    pgbenchTps: reference?.tps ?? null,
    pgbenchCpuPerTransaction: reference?.cpuPerTransaction ?? null,
    pgbenchAtS1HalfLoadRate: reference?.atS1HalfLoadRate ?? null,
    ratioToPgbench: reference ? round(s1.requestsPerSec / reference.tps) : null,
    floor: floor
      ? {
          ...floor,
          ratioToPgbench: reference ? round(floor.requestsPerSec / reference.tps) : null,
          parleyShare: round(s1.requestsPerSec / floor.requestsPerSec),
        }
      : null,
    target: 'S1 ≥ 0.20× pgbench, p99 ≤ 25 ms at half load; S6 loses ≤ 10 %',
  };
}

/**
 * One more S1 load, with the server's CPU profiled through its inspector: written to
 * bench/results/profile-s1.cpuprofile (Chromium's DevTools or speedscope draw it as a flame graph)
 * and summarised by area and function in profile-s1.txt. Kept apart from the measured runs, which
 * run without a profiler attached.
 */
export async function profileStoreAndAck(server: BenchServer, threads: BenchThreads, inspectPort: number) {
  const urls = threads.urls.map((p) => server.url + p);
  let s1: Awaited<ReturnType<typeof load>> | undefined;
  const profile = await cpuProfileDuring(inspectPort, async () => {
    s1 = await load(urls, threads.headers, NOTE, 16);
  });
  const summary = summarizeProfile(profile);
  const dir = path.resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'profile-s1.cpuprofile'), JSON.stringify(profile));
  writeFileSync(
    path.join(dir, 'profile-s1.txt'),
    profileText(`S1 (staff notes, 16 connections) under the profiler: ${s1?.requestsPerSec} req/s`, summary),
  );
  return {
    profile: 'bench/results/profile-s1.cpuprofile',
    summary: 'bench/results/profile-s1.txt',
    requestsPerSecWhileProfiled: s1?.requestsPerSec,
    byArea: summary.byArea.slice(0, 12),
  };
}
