import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { INSTALL_DIR } from '../install-dir';
import * as schema from './schema';

/** The Drizzle database; PGlite and node-postgres share this query interface. */
export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the database or a transaction. */
export type Executor = Db | Tx;

/** An open database with its engine, migration and shutdown. */
export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Applies pending migrations; safe when several processes start at once. */
  migrate(): Promise<void>;
  /**
   * How many statements this process has sent through `db` (on PostgreSQL BEGIN and COMMIT too;
   * PGlite runs transactions natively): /metrics exports it, and a test holds the message send to
   * its count.
   */
  statementsSent(): number;
  /**
   * Calls listener with every statement sent through `db` and its parameters until the returned
   * function is called: the dashboard benchmark EXPLAINs exactly what a use case runs. Parameters may
   * hold secrets; never log them.
   */
  observeStatements(listener: StatementListener): () => void;
  /** Runs raw SQL (tests, CLI); returns rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The SQL migrations, read from the sources both by `tsx` and by the compiled server. */
export const migrationsFolder = path.join(INSTALL_DIR, 'server', 'platform', 'db', 'migrations');

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

/** Sees one statement sent through `db`, with its parameters. */
export type StatementListener = (sql: string, params: unknown[]) => void;

/** Counts what Drizzle sends, through its logger: the only hook that sees every statement of both drivers. */
function statementCounter() {
  let sent = 0;
  const listeners = new Set<StatementListener>();
  return {
    logger: {
      logQuery(sql: string, params: unknown[]) {
        sent++;
        for (const listener of listeners) listener(sql, params);
      },
    },
    read: () => sent,
    observe(listener: StatementListener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** Opens PostgreSQL through a connection pool. */
export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new RecoveringPool({
    connectionString: url,
    max: poolSize,
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

/** Opens the embedded PGlite database in dataDir (or in memory when dataDir is undefined). */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  if (options.dataDir) mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const client = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  const counter = statementCounter();
  const db = drizzlePglite(client, { schema, logger: counter.logger }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    statementsSent: counter.read,
    observeStatements: counter.observe,
    // One PGlite instance belongs to one process, so no lock is needed.
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    async query(text, params) {
      const r = await client.query(text, params as unknown[]);
      return r.rows as never;
    },
    close: () => client.close(),
  };
}

/** Dumps an embedded database's data folder (tests clone a migrated database this way). */
export async function dumpPglite(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}

/** True when the database answers. */
export async function ping(db: Executor): Promise<boolean> {
  await db.execute(sql`select 1`);
  return true;
}
