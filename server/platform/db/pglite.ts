import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type QueryOptions, types } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { builtOnceCache, type Database, type Db, migrationsFolder, statementCounter } from './client';
import * as schema from './schema';

// The embedded database in a module of its own: a server on PostgreSQL never loads PGlite.

/**
 * PGlite starts PostgreSQL with its default 128 MB of shared buffers, and zeroing them is half of every
 * start (about 0.4 s here). The embedded database serves one small firm or a demo, and the operating
 * system's page cache keeps what does not fit; a firm that outgrows it moves to PostgreSQL.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

const asText = (value: string) => value;
/**
 * Drizzle maps dates and intervals itself, so it hands PGlite these identity parsers with every query; and
 * PGlite merges a query's parsers into a copy of its map of some 320 type parsers each time: about 90 µs
 * a statement, more than running a simple one. Set once on the instance, the copy is never made (see
 * withoutQueryParsers). Drizzle also passes them for arrays of dates and intervals: no column is one.
 */
const DRIZZLE_PARSERS = {
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INTERVAL]: asText,
  [types.DATE]: asText,
};
/** PGlite's own parsers for the same types: raw queries (tests, CLI) keep getting Dates, as before. */
const RAW_QUERY: QueryOptions = {
  parsers: Object.fromEntries(
    Object.keys(DRIZZLE_PARSERS).flatMap((oid) => {
      const parse = types.parsers[Number(oid)];
      return parse ? [[oid, parse]] : [];
    }),
  ),
};

/** The client Drizzle is given: the instance, with each query's (and transaction's) own parsers dropped. */
function withoutQueryParsers<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'query') {
        return (text: string, params?: unknown[], options?: QueryOptions) =>
          value.call(target, text, params, options && { ...options, parsers: undefined });
      }
      if (key === 'transaction') {
        return (run: (tx: object) => Promise<unknown>) =>
          value.call(target, (tx: object) => run(withoutQueryParsers(tx)));
      }
      return value.bind(target);
    },
  });
}

/** Opens the embedded PGlite database in dataDir (or in memory when dataDir is undefined). */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  if (options.dataDir) mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    startParams: PGLITE_START_PARAMS,
    parsers: DRIZZLE_PARSERS,
  });
  const counter = statementCounter();
  const db = drizzlePglite(withoutQueryParsers(client), { schema, logger: counter.logger }) as unknown as Db;
  return {
    db,
    genericPlans: db,
    engine: 'pglite',
    statementsSent: counter.read,
    builtOnce: builtOnceCache(),
    observeStatements: counter.observe,
    // One PGlite instance belongs to one process, so no lock is needed.
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    async query(text, params) {
      const r = await client.query(text, params as unknown[], RAW_QUERY);
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
