import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../server/platform/audit/audit-log';
import { GENESIS_HASH, hashEntry } from '../server/platform/audit/chain';
import { type Database, migrationsFolder } from '../server/platform/db/client';
import { openPglite } from '../server/platform/db/pglite';
import { openPostgres } from '../server/platform/db/postgres';
import * as schema from '../server/platform/db/schema';
import { TestClient } from './support/client';
import { adminUrl, databaseUrlFor } from './support/postgres';
import { startServerProcess, tempDir } from './support/process';

const journal: { entries: { tag: string }[] } = JSON.parse(
  readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
);

async function tablesOf(database: Database): Promise<string[]> {
  const rows = await database.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

async function appliedMigrations(database: Database): Promise<number> {
  const [row] = await database.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM drizzle.__drizzle_migrations',
  );
  return Number(row?.n);
}

async function firmCount(dataDir: string): Promise<number> {
  const database = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
  try {
    const [row] = await database.query<{ n: string | number }>('SELECT count(*) AS n FROM firms');
    return Number(row?.n);
  } finally {
    await database.close();
  }
}

describe('migrations', () => {
  it('migrate a fresh embedded database; migrating again, even after a restart, changes nothing', async () => {
    const dataDir = path.join(tempDir('migrate'), 'pglite');
    const first = await openPglite({ dataDir });
    await first.migrate();
    const tables = await tablesOf(first);
    expect(tables).toEqual(expect.arrayContaining(['firms', 'users', 'audit_log', 'audit_heads']));
    expect(await appliedMigrations(first)).toBe(journal.entries.length);
    await first.migrate();
    expect(await appliedMigrations(first)).toBe(journal.entries.length);
    await first.close();

    const again = await openPglite({ dataDir });
    await again.migrate();
    expect(await tablesOf(again)).toEqual(tables);
    expect(await appliedMigrations(again)).toBe(journal.entries.length);
    await again.close();
  }, 60_000);

  it('create every table and column that the schema declares (no change is missing a migration)', async () => {
    const database = await openPglite({});
    await database.migrate();
    const columns = await database.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const present = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
    const declared = Object.values(schema)
      .filter((v) => is(v, PgTable))
      .flatMap((table) => {
        const config = getTableConfig(table as PgTable);
        return config.columns.map((c) => `${config.name}.${c.name}`);
      });
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((c) => !present.has(c))).toEqual([]);
    await database.close();
  });

  it('upgrade a database written before audit heads existed, giving each chain its head', async () => {
    // A copy of the migrations folder that stops just before audit_heads.
    const older = tempDir('older-migrations');
    cpSync(migrationsFolder, older, { recursive: true });
    const cut = journal.entries.findIndex((e) => e.tag.endsWith('_audit_heads'));
    expect(cut).toBeGreaterThan(0);
    writeFileSync(
      path.join(older, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }),
    );
    const client = await PGlite.create();
    await migrate(drizzle(client), { migrationsFolder: older });

    const firmId = '01900000-0000-7000-8000-0000000000aa';
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const base = {
        firmId,
        seq,
        id: `01900000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
        at: new Date(Date.UTC(2026, 0, seq)),
        actorType: 'system',
        actorId: null,
        action: 'test.old',
        targetType: null,
        targetId: null,
        ip: null,
        details: {},
        prevHash,
      };
      const hash = hashEntry(base);
      await client.query(
        `INSERT INTO audit_log (firm_id, seq, id, at, actor_type, action, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, 'system', 'test.old', '{}', $5, $6)`,
        [firmId, seq, base.id, base.at.toISOString(), prevHash, hash],
      );
      prevHash = hash;
    }

    await migrate(drizzle(client), { migrationsFolder });
    const heads = await client.query('SELECT firm_id, seq::int AS seq, hash FROM audit_heads');
    expect(heads.rows).toEqual([{ firm_id: firmId, seq: 3, hash: prevHash }]);
    const db = drizzle(client, { schema }) as never;
    expect(await verifyAudit(db, firmId)).toMatchObject({ ok: true, entries: 3 });
    await client.close();
  });

  it('upgrade users who saw every matter through secure_chat.view_all to matters.view_all', async () => {
    const older = tempDir('older-migrations');
    cpSync(migrationsFolder, older, { recursive: true });
    const cut = journal.entries.findIndex((e) => e.tag.endsWith('_matters_view_all'));
    expect(cut).toBeGreaterThan(0);
    writeFileSync(
      path.join(older, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }),
    );
    const client = await PGlite.create();
    await migrate(drizzle(client), { migrationsFolder: older });
    const firmId = '01900000-0000-7000-8000-0000000000aa';
    const before: [string, string[]][] = [
      ['supervisor', ['secure_chat.view_all']],
      ['both', ['secure_chat.view_all', 'matters.view_all']],
      ['agent', ['message_center.use']],
      ['nobody', []],
    ];
    for (const [i, [name, permissions]] of before.entries())
      await client.query(
        `INSERT INTO users (firm_id, id, email, name, role, permissions, password_hash)
         VALUES ($1, $2, $3, $4, 'staff', $5, 'x')`,
        [firmId, `01900000-0000-7000-8000-00000000000${i}`, `${name}@example.test`, name, permissions],
      );

    await migrate(drizzle(client), { migrationsFolder });
    const after = await client.query<{ name: string; permissions: string[] }>(
      'SELECT name, permissions FROM users ORDER BY id',
    );
    expect(after.rows.map((r) => [r.name, r.permissions])).toEqual([
      ['supervisor', ['secure_chat.view_all', 'matters.view_all']],
      ['both', ['secure_chat.view_all', 'matters.view_all']],
      ['agent', ['message_center.use']],
      ['nobody', []],
    ]);
    await client.close();
  });

  it.runIf(process.env.DATABASE_URL)(
    'let two processes migrate a fresh PostgreSQL database at once (PostgreSQL run)',
    async () => {
      const base = process.env.DATABASE_URL as string;
      const name = `parley_migrate_${process.pid}_${Date.now()}`;
      const admin = openPostgres(adminUrl(base), 1);
      await admin.query(`CREATE DATABASE ${name}`);
      const a = openPostgres(databaseUrlFor(base, name), 2);
      const b = openPostgres(databaseUrlFor(base, name), 2);
      try {
        await Promise.all([a.migrate(), b.migrate()]);
        expect(await appliedMigrations(a)).toBe(journal.entries.length);
        const tables = await tablesOf(b);
        expect(tables.filter((t) => t === 'audit_heads')).toHaveLength(1);
        const triggers = await a.query(
          `SELECT tgname FROM pg_trigger WHERE tgname IN ('audit_log_no_update', 'audit_heads_forward_only')`,
        );
        expect(triggers).toHaveLength(2);
      } finally {
        await a.close();
        await b.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      }
    },
  );
});

describe('the demo firm at first start', () => {
  it('is seeded into a new embedded data folder, its printed logins work, and only once', async () => {
    const dataDir = tempDir('demo');
    const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    const server = startServerProcess(env);
    try {
      const [, url] = await server.waitFor(/Parley is running at (http:\/\/\S+) with the demo firm/);
      const [, password] = await server.waitFor(/Password for all of them: (\S+)/);
      for (const login of ['admin@demo.parley.test', 'attorney1@demo.parley.test', 'agent2@demo.parley.test'])
        expect(server.output()).toContain(login);
      const client = new TestClient(url as string);
      const r = await client.post('/api/v1/auth/login', { email: 'admin@demo.parley.test', password });
      expect(r.status).toBe(200);
      expect(r.body.user.role).toBe('admin');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(await firmCount(dataDir)).toBe(1);

    const restarted = startServerProcess(env);
    try {
      await restarted.waitFor(/"msg":"listening"/);
    } finally {
      await restarted.stop();
    }
    expect(restarted.output()).not.toContain('Demo Law LLP');
    expect(await firmCount(dataDir)).toBe(1);
  }, 180_000);

  it('is not seeded with PARLEY_DEMO=0', async () => {
    const dataDir = tempDir('nodemo');
    const server = startServerProcess({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PARLEY_DEMO: '0',
    });
    try {
      await server.waitFor(/"msg":"listening"/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).not.toMatch(/Demo Law LLP|demo\.parley\.test|Password for all/);
    expect(await firmCount(dataDir)).toBe(0);
  }, 120_000);
});
