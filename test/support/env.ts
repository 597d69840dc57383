import 'vitest';

/** The fixed demo password tests sign in with (PARLEY_DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'demo-password-for-tests';
/** A fixed master key for the test run. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

declare module 'vitest' {
  export interface ProvidedContext {
    /** File of the migrated and seeded PGlite data folder (embedded run). */
    pgliteTemplate: string;
    /** Name of the migrated and seeded template database (PostgreSQL run). */
    postgresTemplate: string;
  }
}
