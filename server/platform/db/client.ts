import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { INSTALL_DIR } from '../install-dir';
import type * as schema from './schema';

/** The Drizzle database; PGlite and node-postgres share this query interface. */
export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the database or a transaction. */
export type Executor = Db | Tx;

/** An open database with its engine, migration and shutdown. */
export interface Database {
  db: Db;
  /**
   * The same database for reads written so that one plan serves every caller (kinds and statuses as
   * words in the text, ids as parameters): on PostgreSQL, connections that always take a prepared
   * statement's generic plan instead of planning it anew at each call; on PGlite, db itself.
   */
  genericPlans: Db;
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
  /**
   * A statement built once per key on this database and kept (a Drizzle prepared query, its values
   * placeholders), for a hot read whose text depends on a few choices only: building a large one
   * costs more than running it. `build` gets the name to prepare it under.
   */
  builtOnce<T>(key: string, build: (name: string) => T): T;
  /** Runs raw SQL (tests, CLI); returns rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The SQL migrations, read from the sources both by `tsx` and by the compiled server. */
export const migrationsFolder = path.join(INSTALL_DIR, 'server', 'platform', 'db', 'migrations');

/** Sees one statement sent through `db`, with its parameters. */
export type StatementListener = (sql: string, params: unknown[]) => void;

/** Counts what Drizzle sends, through its logger: the only hook that sees every statement of both drivers. */
export function statementCounter() {
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

/**
 * The builtOnce of a Database. Each kept statement has a name of its own on this database's
 * connections; one built past the limit is sent unnamed (the empty name), so it holds nothing there.
 */
export function builtOnceCache(limit = 1_000): Database['builtOnce'] {
  const built = new Map<string, unknown>();
  return <T>(key: string, build: (name: string) => T): T => {
    if (built.has(key)) return built.get(key) as T;
    if (built.size >= limit) return build('');
    const statement = build(`parley_built_${built.size + 1}`);
    built.set(key, statement);
    return statement;
  };
}

/** True when the database answers. */
export async function ping(db: Executor): Promise<boolean> {
  await db.execute(sql`select 1`);
  return true;
}
