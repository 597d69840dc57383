import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { createDeps } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import { seedDemo } from '../../server/features/demo/seed-demo';
import { dumpPglite, openPglite } from '../../server/platform/db/pglite';
import { openPostgres } from '../../server/platform/db/postgres';
import { DEMO_PASSWORD, TEST_MASTER_KEY } from './env';
import { adminUrl, databaseUrlFor } from './postgres';

interface Template {
  postgresTemplate: string;
  pgliteTemplate: string;
  drop(): Promise<void>;
}

/**
 * Vitest runs a project's global setup once per project, each in its own module instance, so the template
 * is kept on globalThis (one main process) and counted: the integration and e2e projects share one.
 */
const SHARED = Symbol.for('parley.test.template');
type Shared = { template: Promise<Template>; users: number };
const registry = globalThis as unknown as { [SHARED]?: Shared };

// Migrate and seed one database for the whole run; every test file then starts from a copy of it.
export default async function setup(project: TestProject) {
  registry[SHARED] ??= { template: createTemplate(), users: 0 };
  const shared = registry[SHARED];
  shared.users += 1;
  const { postgresTemplate, pgliteTemplate, drop } = await shared.template;
  project.provide('postgresTemplate', postgresTemplate);
  project.provide('pgliteTemplate', pgliteTemplate);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete registry[SHARED];
    await drop();
  };
}

async function createTemplate(): Promise<Template> {
  const tmp = path.resolve('.tmp');
  mkdirSync(tmp, { recursive: true });
  const log = pino({ level: 'silent' });
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const template = `parley_tpl_${process.pid}_${Date.now()}`;
    const admin = openPostgres(adminUrl(baseUrl), 1);
    await admin.query(`CREATE DATABASE ${template}`);
    const database = openPostgres(databaseUrlFor(baseUrl, template), 2);
    await database.migrate();
    const config = loadConfig({
      DATABASE_URL: databaseUrlFor(baseUrl, template),
      PARLEY_MASTER_KEY: TEST_MASTER_KEY,
      DATA_DIR: tmp,
    });
    await seedDemo(await createDeps(config, database, log), DEMO_PASSWORD);
    await database.close();
    return {
      postgresTemplate: template,
      pgliteTemplate: '',
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  const database = await openPglite({});
  await database.migrate();
  const config = loadConfig({ PARLEY_MASTER_KEY: TEST_MASTER_KEY, DATA_DIR: tmp });
  await seedDemo(await createDeps(config, database, log), DEMO_PASSWORD);
  const file = path.join(tmp, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
  await database.close();
  return { postgresTemplate: '', pgliteTemplate: file, drop: async () => rmSync(file, { force: true }) };
}
