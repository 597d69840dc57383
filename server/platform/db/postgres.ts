import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { builtOnceCache, type Database, migrationsFolder, statementCounter } from './client';
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
 * Reads written so that one plan serves every caller (kinds and statuses as words in the text, ids as
 * parameters) run on connections of their own that always take a prepared statement's generic plan.
 * PostgreSQL otherwise keeps planning such a statement anew at each call when its estimate favours
 * custom plans: the dashboard's page and details spent 2 to 7 ms planning for 1 to 4 ms of work.
 * Other statements keep the default, which may plan for the values at hand. A generic plan does not
 * know its LIMIT and estimates a whole index's worth of rows, which crossed the cost at which
 * PostgreSQL compiles a plan to machine code (JIT): 58 ms of compiling for a 2 ms page, so these
 * connections never do.
 */
const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan -c jit=off';

function openPool(url: string, max: number, prepare: boolean, options?: string): pg.Pool {
  const pool = new RecoveringPool({
    connectionString: url,
    max,
    ...(prepare ? { Client: preparingClient(statementNames()) } : {}),
    ...(options ? { options } : {}),
    // While the server cannot be reached, a request fails (503) instead of waiting for a connection.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection the server closes (restart, failover, pg_terminate_backend) emits 'error' on its
  // client. The pool listens only while the client is idle; a checked-out client needs its own
  // listener, or the event crashes the process. Its query has already failed with the same error.
  pool.on('connect', (client) => client.on('error', () => {}));
  // The pool re-emits an idle client's error; it replaces that client by itself.
  pool.on('error', () => {});
  return pool;
}

/**
 * Opens PostgreSQL through a connection pool of poolSize, and a quarter as many (at least 2) for the
 * reads planned once (GENERIC_PLANS). `prepare` (DATABASE_PREPARED_STATEMENTS) sends statements as
 * named prepared statements; a pooler that cannot keep them per connection needs it off, and then
 * there are no plans to keep and one pool serves all.
 */
export function openPostgres(url: string, poolSize = 10, options: { prepare?: boolean } = {}): Database {
  const prepare = options.prepare !== false;
  const pool = openPool(url, poolSize, prepare);
  const genericPool = prepare
    ? openPool(url, Math.max(2, Math.ceil(poolSize / 4)), true, GENERIC_PLANS)
    : undefined;
  const counter = statementCounter();
  const db = drizzlePg(pool, { schema, logger: counter.logger });
  return {
    db,
    genericPlans: genericPool ? drizzlePg(genericPool, { schema, logger: counter.logger }) : db,
    engine: 'postgres',
    statementsSent: counter.read,
    builtOnce: builtOnceCache(),
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
    close: async () => {
      await Promise.all([pool.end(), genericPool?.end()]);
    },
  };
}
