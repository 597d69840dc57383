import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { type BenchServer, signIn } from './lib/server';
import { round } from './lib/stats';

/** Runs autocannon against one POST for a few seconds. */
async function load(
  url: string,
  headers: Record<string, string>,
  body: string,
  connections: number,
  rate?: number,
) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
    connections,
    duration: 8,
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

/**
 * S1 (store-and-ack: auth, validate, encrypt, insert, 201) with staff notes, which send nothing, and
 * S6 with public texts, which queue an SMS job in the same transaction.
 */
export async function benchStoreAndAck(server: BenchServer, databaseUrl?: string) {
  const attorney = await signIn(server.url, 'attorney1@demo.parley.test');
  const headers = { cookie: attorney.cookie, 'x-csrf-token': attorney.csrfToken };
  const get = async (p: string) => (await fetch(server.url + p, { headers })).json() as Promise<any>;
  const matters = await get('/api/v1/matters');
  const matter = matters.items.find((m: { name: string }) => m.name.startsWith('Roe'));
  const detail = await get(`/api/v1/matters/${matter.id}`);
  const contact = await get(`/api/v1/contacts/${detail.contacts[0].id}`);
  const created = await fetch(`${server.url}/api/v1/conversations`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'secure_chat',
      matterId: matter.id,
      contactId: contact.id,
      contactPhone: contact.phones[0].number,
    }),
  });
  if (created.status !== 201)
    throw new Error(`cannot start a thread: ${created.status} ${await created.text()}`);
  const conversation = (await created.json()) as { id: string };
  const url = `${server.url}/api/v1/conversations/${conversation.id}/messages`;
  const note = JSON.stringify({
    body: 'Called opposing counsel; they will send the draft on Monday.',
    visibility: 'note',
  });
  const text = JSON.stringify({ body: 'Your hearing is confirmed for Tuesday at 10am.' });

  const s1 = await load(url, headers, note, 16);
  const s1HalfLoad = await load(url, headers, note, 8, Math.max(1, Math.round(s1.requestsPerSec / 2)));
  const s6 = await load(url, headers, text, 16);
  const reference = databaseUrl ? pgbenchReference(databaseUrl) : null;
  return {
    s1: { ...s1, atHalfLoad: s1HalfLoad },
    s6: { ...s6, lossVsS1: round(1 - s6.requestsPerSec / s1.requestsPerSec) },
    pgbenchTps: reference,
    ratioToPgbench: reference ? round(s1.requestsPerSec / reference) : null,
    target: 'S1 ≥ 0.20× pgbench, p99 ≤ 25 ms at half load; S6 loses ≤ 10 %',
  };
}
