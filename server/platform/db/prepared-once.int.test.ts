import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { preparedOnce } from './prepared-once';

const table = `prepared_once_${randomBytes(4).toString('hex')}`;
const notes = pgTable(table, { id: integer('id').primaryKey(), body: text('body').notNull() });

const engines: [string, () => Promise<Database>][] = [
  ['PGlite', () => openPglite({})],
  ...(process.env.DATABASE_URL
    ? ([['PostgreSQL', async () => openPostgres(process.env.DATABASE_URL as string, 2)]] as [
        string,
        () => Promise<Database>,
      ][])
    : []),
];

describe.each(engines)('a statement prepared once, on %s', (engine, open) => {
  let database: Database;
  let other: Database;
  const byId = preparedOnce((ex) =>
    ex
      .select({ body: notes.body })
      .from(notes)
      .where(eq(notes.id, sql.placeholder('id')))
      .prepare(`${table}_by_id`),
  );
  const insert = preparedOnce((ex) =>
    ex
      .insert(notes)
      .values({ id: sql.placeholder('id'), body: sql.placeholder('body') })
      .prepare(`${table}_insert`),
  );

  beforeAll(async () => {
    database = await open();
    other = await open();
    await database.query(`create table ${table} (id integer primary key, body text not null)`);
    // Two embedded databases are two in memory; two PostgreSQL pools reach one.
    if (engine === 'PGlite')
      await other.query(`create table ${table} (id integer primary key, body text not null)`);
  });
  afterAll(async () => {
    if (engine === 'PostgreSQL') await database.query(`drop table ${table}`);
    await other.close();
    await database.close();
  });

  it('runs on the database with the values of each call', async () => {
    await insert(database.db).execute({ id: 1, body: 'first' });
    await insert(database.db).execute({ id: 2, body: 'second' });
    expect(await byId(database.db).execute({ id: 2 })).toEqual([{ body: 'second' }]);
    expect(await byId(database.db).execute({ id: 1 })).toEqual([{ body: 'first' }]);
  });

  it("runs inside a transaction, on the transaction's connection: it sees its writes, and a rollback takes them back", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await insert(tx).execute({ id: 3, body: 'uncommitted' });
        expect(await byId(tx).execute({ id: 3 })).toEqual([{ body: 'uncommitted' }]);
        // Outside the transaction the write is not there yet (PGlite's one connection waits for the
        // transaction instead).
        if (engine === 'PostgreSQL') expect(await byId(database.db).execute({ id: 3 })).toEqual([]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await byId(database.db).execute({ id: 3 })).toEqual([]);
  });

  it('is counted by the database it runs on, also when it was first built on another', async () => {
    await byId(other.db).execute({ id: 1 });
    const before = { database: database.statementsSent(), other: other.statementsSent() };
    await byId(database.db).execute({ id: 1 });
    await database.db.transaction((tx) => byId(tx).execute({ id: 1 }));
    expect(database.statementsSent() - before.database).toBeGreaterThanOrEqual(2);
    expect(other.statementsSent()).toBe(before.other);
  });
});
