import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './client';
import { openPostgres } from './postgres';

// PostgreSQL only: PGlite has no connections to prepare statements on.
describe.skipIf(!process.env.DATABASE_URL)('statements sent to PostgreSQL', () => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  /** Runs one query three times through Drizzle on a pool of one, then lists that connection's prepared statements. */
  async function preparedAfterQueries(prepare: boolean) {
    database = openPostgres(process.env.DATABASE_URL as string, 1, { prepare });
    for (let i = 0; i < 3; i++) {
      const rows = await database.db.execute(sql`select ${i}::int as n`);
      expect(rows.rows[0]).toEqual({ n: i });
    }
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select ${'in a transaction'}::text as t`);
    });
    const prepared = await database.query<{ name: string; statement: string }>(
      'select name, statement from pg_prepared_statements order by name',
    );
    return prepared.map((p) => p.statement);
  }

  it("are named prepared statements, each parsed once per connection, the transaction's BEGIN and COMMIT not", async () => {
    const statements = await preparedAfterQueries(true);
    expect(statements).toEqual(['select $1::int as n', 'select $1::text as t']);
  });

  it('are sent unnamed with DATABASE_PREPARED_STATEMENTS off', async () => {
    expect(await preparedAfterQueries(false)).toEqual([]);
  });

  /** The planner settings a connection of `db` runs with. */
  async function plannerOf(db: Database['db']) {
    const rows = await db.execute(
      sql`select current_setting('plan_cache_mode') as plans, current_setting('jit') as jit`,
    );
    return rows.rows[0];
  }

  it('keep generic plans, without JIT, on the connections for reads written for one plan', async () => {
    database = openPostgres(process.env.DATABASE_URL as string, 1);
    expect(await plannerOf(database.genericPlans)).toEqual({ plans: 'force_generic_plan', jit: 'off' });
    // Every other statement is planned as PostgreSQL sees fit.
    expect(await plannerOf(database.db)).toEqual({ plans: 'auto', jit: expect.any(String) });
  });

  it('share one pool when statements are not prepared: there is no plan to keep', async () => {
    database = openPostgres(process.env.DATABASE_URL as string, 1, { prepare: false });
    expect(database.genericPlans).toBe(database.db);
    expect((await plannerOf(database.db))?.plans).toBe('auto');
  });
});
