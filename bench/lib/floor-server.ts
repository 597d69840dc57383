import http from 'node:http';
import pg from 'pg';

// The machine's floor for S1: a bare node:http server that answers each POST with 201 after the same
// number of PostgreSQL round trips as a Parley note (statementsPerSend), each a named prepared
// statement on a pool of Parley's default size: primary-key reads of a small table, then the insert of
// a message-shaped row holding the request body. Nothing else: no routing, authentication, validation,
// encryption, ORM or events. What it reaches is what this machine allows for those round trips, with
// the same load generator on the same cores.
const port = Number(process.argv[2]);
const databaseUrl = process.argv[3] as string;
const roundTrips = Math.max(1, Number(process.argv[4] ?? 3));

const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
await pool.query(`
  CREATE TABLE IF NOT EXISTS floor_lookups (id int PRIMARY KEY, value text);
  INSERT INTO floor_lookups SELECT i, md5(i::text) FROM generate_series(1, 16) i ON CONFLICT DO NOTHING;
  CREATE TABLE IF NOT EXISTS floor_messages (firm_id uuid, id uuid, conversation_id uuid, author_type text,
    author_id uuid, body_sealed text, created_at timestamptz, PRIMARY KEY (firm_id, id))`);

const firmId = crypto.randomUUID();
let served = 0;

async function answer(body: string) {
  const n = served++;
  for (let trip = 1; trip < roundTrips; trip++)
    await pool.query({
      name: 'floor_lookup',
      text: 'SELECT value FROM floor_lookups WHERE id = $1',
      values: [(n % 16) + 1],
    });
  const id = crypto.randomUUID();
  await pool.query({
    name: 'floor_insert',
    text: `INSERT INTO floor_messages VALUES ($1, $2, $3, 'user', $4, $5, now())`,
    values: [firmId, id, firmId, firmId, body],
  });
  return id;
}

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    answer(Buffer.concat(chunks).toString()).then(
      (id) => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id }));
      },
      (error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error.message);
      },
    );
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => {
  server.close();
  pool
    .query('DROP TABLE IF EXISTS floor_lookups, floor_messages')
    .finally(() => pool.end())
    .finally(() => process.exit(0));
});
