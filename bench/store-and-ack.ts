import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { cpuProfileDuring } from './lib/inspector';
import { profileText, summarizeProfile } from './lib/profile-summary';
import { type BenchServer, signIn } from './lib/server';
import { round } from './lib/stats';

/** Runs autocannon for a few seconds, POSTing body to the urls in turn (one thread per request). */
export async function load(
  urls: string[],
  headers: Record<string, string>,
  body: string,
  connections: number,
  rate?: number,
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
    ...(rate ? { overallRate: rate } : {}),
  });
  return {
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** The pgbench reference: one message-shaped row per transaction, 8 clients (PostgreSQL runs only). */
function pgbenchReference(databaseUrl: string): number | null {
  const dir = mkdtempSync(path.resolve('.tmp', 'pgbench-'));
  const script = path.join(dir, 'insert.sql');
  writeFileSync(
    script,
    "INSERT INTO bench_messages (firm_id, id, conversation_id, author_type, author_id, body_sealed, created_at) VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'user', gen_random_uuid(), repeat('x', 120), now());\n",
  );
  try {
    execFileSync('psql', [
      databaseUrl,
      '-qc',
      'DROP TABLE IF EXISTS bench_messages; CREATE TABLE bench_messages (firm_id uuid, id uuid, conversation_id uuid, author_type text, author_id uuid, body_sealed text, created_at timestamptz, PRIMARY KEY (firm_id, id))',
    ]);
    const out = execFileSync('pgbench', [
      '-n',
      '-c',
      '8',
      '-j',
      '2',
      '-T',
      '8',
      '-f',
      script,
      databaseUrl,
    ]).toString();
    execFileSync('psql', [databaseUrl, '-qc', 'DROP TABLE bench_messages']);
    return Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  } catch {
    return null;
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
 * S1 (store-and-ack: auth, validate, encrypt, insert, 201) with staff notes, which send nothing, and
 * S6 with public texts, which queue an SMS job in the same transaction.
 */
export async function benchStoreAndAck(server: BenchServer, threads: BenchThreads, databaseUrl?: string) {
  const urls = threads.urls.map((p) => server.url + p);
  const text = JSON.stringify({ body: 'Your hearing is confirmed for Tuesday at 10am.' });
  const statements = {
    note: await statementsPerSend(server, threads, NOTE),
    text: await statementsPerSend(server, threads, text),
  };
  // Measured warm: the server's first seconds under load are spent compiling its hot code.
  await load(urls, threads.headers, NOTE, 16, undefined, 3);
  const s1 = await load(urls, threads.headers, NOTE, 16);
  const s1HalfLoad = await load(
    urls,
    threads.headers,
    NOTE,
    8,
    Math.max(1, Math.round(s1.requestsPerSec / 2)),
  );
  const s6 = await load(urls, threads.headers, text, 16);
  const reference = databaseUrl ? pgbenchReference(databaseUrl) : null;
  return {
    threads: urls.length,
    statementsPerSend: statements,
    s1: { ...s1, atHalfLoad: s1HalfLoad },
    s6: { ...s6, lossVsS1: round(1 - s6.requestsPerSec / s1.requestsPerSec) },
    pgbenchTps: reference,
    ratioToPgbench: reference ? round(s1.requestsPerSec / reference) : null,
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
