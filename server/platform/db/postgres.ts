import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { type Database, migrationsFolder, statementCounter } from './client';
import * as schema from './schema';
import { statementNames } from './statement-names';

// PostgreSQL (DATABASE_URL) in a module of its own: the embedded default never loads node-postgres.

// An arbitrary constant shared by every Parley process: the advisory lock that serialises migrations.
const MIGRATION_LOCK_ID = 7_243_195_001;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The pool of openPostgres. A client checked out with connect() (Drizzle's transactions, migrate)
 * is released at once when its connection is lost, and releasing it again does nothing: Drizzle
 * sends BEGIN before its try/finally, so a transaction whose BEGIN meets a closed connection never
 * releases its client, and each such loss would shrink the pool for good.
 */
class RecoveringPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
    if (!callback) return super.connect().then(releasedWhenLost);
    // The callback form is pool.query's own, which releases a client that fails by itself.
    super.connect(callback);
    return undefined;
  }
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

function releasedWhenLost(client: pg.PoolClient): pg.PoolClient {
  const release = client.release;
  let released = false;
  const settle = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.off('error', settle);
    release(error);
  };
  client.once('error', settle);
  client.release = settle;
  return client;
}

/**
 * A connection that sends Drizzle's statements as named prepared statements (see statement-names.ts).
 * node-postgres parses a named statement once per connection and only binds it afterwards.
 */
function preparingClient(nameOf: (text: string) => string | undefined): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: node-postgres's query has a dozen overloads; this passes them all through.
    override query(config: any, values?: any, callback?: any): any {
      if (
        config &&
        typeof config === 'object' &&
        typeof config.text === 'string' &&
        config.name === undefined
      ) {
        const name = nameOf(config.text);
        if (name !== undefined) return super.query({ ...config, name }, values, callback);
      }
      return super.query(config, values, callback);
    }
  };
}

/**
 * Opens PostgreSQL through a connection pool. `prepare` (DATABASE_PREPARED_STATEMENTS) sends statements
 * as named prepared statements; a pooler that cannot keep them per connection needs it off.
 */
export function openPostgres(url: string, poolSize = 10, options: { prepare?: boolean } = {}): Database {
  const pool = new RecoveringPool({
    connectionString: url,
    max: poolSize,
    ...(options.prepare === false ? {} : { Client: preparingClient(statementNames()) }),
    // While the server cannot be reached, a request fails (503) instead of waiting for a connection.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection the server closes (restart, failover, pg_terminate_backend) emits 'error' on its
  // client. The pool listens only while the client is idle; a checked-out client needs its own
  // listener, or the event crashes the process. Its query has already failed with the same error.
  pool.on('connect', (client) => client.on('error', () => {}));
  // The pool re-emits an idle client's error; it replaces that client by itself.
  pool.on('error', () => {});
  const counter = statementCounter();
  const db = drizzlePg(pool, { schema, logger: counter.logger });
  return {
    db,
    engine: 'postgres',
    statementsSent: counter.read,
    observeStatements: counter.observe,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    async query(text, params) {
      const r = await pool.query(text, params as unknown[]);
      return r.rows;
    },
    close: () => pool.end(),
  };
}
