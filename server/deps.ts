import type { Logger } from 'pino';
import type { Config } from './config';
import type { Keyring } from './platform/crypto/keyring';
import type { Database, Db } from './platform/db/client';
import type { Metrics } from './platform/http/metrics';

/** Everything a use case may touch, built once in main.ts (or per test) and passed down explicitly. */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  keyring: Keyring;
  metrics: Metrics;
  /** The current time; tests move it. */
  clock: () => Date;
}
