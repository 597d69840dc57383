import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app';
import { closeDeps, createDeps, openDatabase } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import type { Deps } from '../server/deps';
import { DecryptionError, generateKey } from '../server/platform/crypto/envelope';
import { createKeyring } from '../server/platform/crypto/keyring';
import { openPostgres } from '../server/platform/db/postgres';
import { TestClient } from './support/client';
import { adminUrl, databaseUrlFor } from './support/postgres';
import { runTs, tempDir } from './support/process';

// The admin CLI against a database of its own: a new embedded data folder, or a new PostgreSQL
// database when DATABASE_URL is set.
const SLOW = 120_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const dataDir = tempDir('cli');
const pgBase = process.env.DATABASE_URL;
const pgName = `parley_cli_${process.pid}_${Date.now()}`;
const oldKey = generateKey().toString('base64');
const newKey = generateKey().toString('base64');
let env: Record<string, string> = pgBase
  ? { DATA_DIR: dataDir, DATABASE_URL: databaseUrlFor(pgBase, pgName), PARLEY_MASTER_KEY: oldKey }
  : { DATA_DIR: dataDir };

const cli = (...args: string[]) => runTs('server/cli.ts', args, env);

/** Runs fn against an in-process server on the CLI's database (after the CLI process has exited). */
async function withServer<T>(fn: (client: TestClient, deps: Deps) => Promise<T>): Promise<T> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PARLEY_DEMO: '0', ...env });
  const database = await openDatabase(config);
  const deps = await createDeps(config, database, pino({ level: 'silent' }));
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  try {
    return await fn(new TestClient(`http://127.0.0.1:${typeof address === 'object' && address?.port}`), deps);
  } finally {
    await app.close();
    await closeDeps(deps);
    await database.close();
  }
}

beforeAll(async () => {
  if (!pgBase) return;
  const admin = openPostgres(adminUrl(pgBase), 1);
  await admin.query(`CREATE DATABASE ${pgName}`);
  await admin.close();
});
afterAll(async () => {
  if (!pgBase) return;
  const admin = openPostgres(adminUrl(pgBase), 1);
  await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  await admin.close();
});

describe('npm run parley', () => {
  let firmId: string;
  let sealedBeforeRotation: string;
  const adminPassword = 'first-admin-password';

  it(
    'migrate prepares a new database',
    async () => {
      const r = await cli('migrate');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/up to date/);
      if (!pgBase) expect(statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    },
    SLOW,
  );

  it(
    'rejects a bad command line with exit code 2, naming the flag',
    async () => {
      const missing = await cli('create-firm', '--name', 'Acme', '--admin-password', adminPassword);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--admin-email: is required');
      const bad = await cli('create-user', '--firm', 'nope', '--email', 'x@y.test', '--role', 'attorney');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--firm: /);
      const unknown = await cli('frobnicate');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    },
    SLOW,
  );

  it(
    'create-firm prints the new firm id and create-user adds a user to it',
    async () => {
      const firm = await cli(
        'create-firm',
        '--name',
        'Acme Legal',
        '--admin-email',
        'Boss@Acme.test',
        '--admin-password',
        adminPassword,
        '--admin-name',
        'Bo Boss',
      );
      expect(firm.code).toBe(0);
      firmId = firm.stdout.trim();
      expect(firmId).toMatch(UUID);

      const user = await cli(
        'create-user',
        '--firm',
        firmId,
        '--email',
        'agent@acme.test',
        '--role',
        'agent',
        '--password',
        'agent-password-123',
      );
      expect(user.code).toBe(0);
      expect(user.stdout.trim()).toMatch(UUID);

      const again = await cli(
        'create-user',
        '--firm',
        firmId,
        '--email',
        'AGENT@acme.test',
        '--role',
        'staff',
        '--password',
        'agent-password-123',
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('--email: a user with this e-mail address already exists');
    },
    SLOW,
  );

  it(
    'the new administrator and user can sign in',
    async () => {
      await withServer(async (client, deps) => {
        const admin = await client.login('boss@acme.test', adminPassword);
        expect(admin.body.user).toMatchObject({ firmId, role: 'admin', name: 'Bo Boss' });
        const agent = await new TestClient(client.baseUrl).login('agent@acme.test', 'agent-password-123');
        expect(agent.body.user).toMatchObject({ firmId, role: 'agent', permissions: ['message_center.use'] });
        sealedBeforeRotation = await deps.keyring.encryptForFirm(
          deps.db,
          firmId,
          'kept across rotation',
          'test',
        );
      });
    },
    SLOW,
  );

  it(
    'verify-audit exits 0 on intact chains',
    async () => {
      const r = await cli('verify-audit');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(`^ok +firm ${firmId} \\(Acme Legal\\): \\d+ entries verified`, 'm'),
      );
    },
    SLOW,
  );

  it(
    'rotate-master-key re-wraps the firm keys; the server still decrypts with the new key only',
    async () => {
      const bad = await cli('rotate-master-key', '--new-key', 'c2hvcnQ=');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--new-key: must be 32 random bytes in base64');

      const previous = pgBase ? oldKey : readFileSync(path.join(dataDir, 'master.key'), 'utf8').trim();
      const r = await cli('rotate-master-key', '--new-key', newKey);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Re-wrapped 1 firm key(s)');
      expect(r.stdout + r.stderr).not.toContain(previous);
      if (pgBase) {
        expect(r.stdout).toContain('set PARLEY_MASTER_KEY to the new key');
        env = { ...env, PARLEY_MASTER_KEY: newKey };
      } else {
        const file = path.join(dataDir, 'master.key');
        expect(readFileSync(file, 'utf8').trim()).toBe(newKey);
        expect(statSync(file).mode & 0o777).toBe(0o600);
      }

      await withServer(async (client, deps) => {
        expect(await deps.keyring.decryptForFirm(deps.db, firmId, sealedBeforeRotation, 'test')).toBe(
          'kept across rotation',
        );
        const stale = createKeyring(Buffer.from(previous, 'base64'));
        await expect(stale.decryptForFirm(deps.db, firmId, sealedBeforeRotation, 'test')).rejects.toThrow(
          DecryptionError,
        );
        expect((await client.login('boss@acme.test', adminPassword)).status).toBe(200);
        const [entry] = await deps.database.query<{ action: string }>(
          `SELECT action FROM audit_log WHERE firm_id = $1 AND action = 'master_key.rotated'`,
          [firmId],
        );
        expect(entry).toBeDefined();
      });
    },
    SLOW,
  );

  it(
    'verify-audit exits 1 and names the first bad entry once the chain was tampered with',
    async () => {
      const victim = await withServer(async (_client, deps) => {
        const [row] = await deps.database.query<{ id: string }>(
          `SELECT id FROM audit_log WHERE firm_id = $1 AND action = 'user.created' ORDER BY seq LIMIT 1`,
          [firmId],
        );
        await deps.database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
        await deps.database.query(
          `UPDATE audit_log SET details = '{"role":"staff"}' WHERE firm_id = $1 AND id = $2`,
          [firmId, row!.id],
        );
        await deps.database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
        return row!.id;
      });
      const r = await cli('verify-audit', '--firm', firmId);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`BROKEN  firm ${firmId} (Acme Legal): first bad entry ${victim}`);
    },
    SLOW,
  );
});
