// Builds what `npm start` runs: the web apps (Vite → dist/web) and the server (esbuild → dist/server).
// Plain JavaScript, so `npm start` needs neither tsx nor a TypeScript compiler at run time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const at = (...parts) => path.join(repo, ...parts);
const dist = at('dist');

/** Where `vite build` puts the web apps and the server serves them from. */
export const WEB_DIST = at('dist', 'web');
/** Where the compiled server goes; `dist/server/main.js` is what `npm start` runs. */
export const SERVER_DIST = at('dist', 'server');
/**
 * A migrated, empty embedded database folder: a new data folder starts as a copy of it instead of running
 * initdb. A plain folder, not PGlite's tarball: a file copy takes a tenth of the time PGlite takes to
 * unpack a tarball through its WebAssembly file system.
 */
export const PGLITE_IMAGE = at('dist', 'pglite', 'initial');

const migrations = at('server', 'platform', 'db', 'migrations');

const lock = at('package-lock.json');
const self = fileURLToPath(import.meta.url);
const targets = {
  web: {
    out: WEB_DIST,
    // Anything whose change can change the output, including the contracts the web app imports.
    sources: [at('web'), at('contracts'), at('vite.config.ts'), lock, self],
    build: buildWeb,
  },
  server: {
    out: SERVER_DIST,
    sources: [at('server'), at('contracts'), at('tsconfig.json'), lock, self],
    build: buildServer,
  },
  database: {
    out: path.dirname(PGLITE_IMAGE),
    sources: [migrations, lock, self],
    build: buildDatabaseImage,
  },
};

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when the output of a target ('web' or 'server') is missing or older than any of its sources. */
export function isStale(name) {
  const stamp = path.join(targets[name].out, '.built');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return targets[name].sources.some((source) => newestMtime(source) > built);
}

function buildWeb(outDir) {
  const vite = at('node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    // Vite follows NODE_ENV; under vitest it is "test", which would ship React's development build.
    { cwd: repo, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}

/**
 * npm packages the server bundle leaves as imports, resolved from node_modules at run time. Each was tried
 * bundled, running the built server.
 */
const SERVER_EXTERNALS = [
  // Reads its WebAssembly and data files (pglite.data) next to its own module.
  '@electric-sql/pglite',
  // A native addon: esbuild has no loader for .node files.
  '@node-rs/argon2',
  // Serves its own files (the Swagger UI assets) from its package folder, with @fastify/static, and shares
  // yaml and rfdc with @fastify/swagger: bundling either of those would load them twice.
  '@fastify/swagger-ui',
  '@fastify/swagger',
  '@fastify/static',
  // Transports (pino.transport, thread-stream) start worker threads from pino's files by path.
  'pino',
  // The PostgreSQL driver and the Redis client: imported only when DATABASE_URL or REDIS_URL is set.
  'pg',
  'ioredis',
  // 5 MB of places, loaded by path in a worker thread (platform/geo/zip-centroids.ts); listed so that an
  // import of it could never pull them into the server's bundle.
  'zipcodes',
];

// Bundled CommonJS packages require() the external ones, and an ES module has no require. No bundled package
// reads __filename or __dirname today; they are defined so that one that starts to does not fail at run time.
const SERVER_BANNER = [
  "import { createRequire as __parleyCreateRequire } from 'node:module';",
  "import { fileURLToPath as __parleyFileURLToPath } from 'node:url';",
  "import { dirname as __parleyDirname } from 'node:path';",
  'const require = __parleyCreateRequire(import.meta.url);',
  'const __filename = __parleyFileURLToPath(import.meta.url);',
  'const __dirname = __parleyDirname(__filename);',
].join('\n');

async function buildServer(outDir) {
  const esbuild = await import('esbuild');
  // ES modules with the npm packages bundled in: Node no longer resolves and reads the hundreds of files of
  // Fastify, Drizzle, zod and the rest one by one, which halves the time to load the server (0.9 s → 0.45 s
  // of CPU on a 2-core machine). What the server imports dynamically (a database driver, the Redis bus, the
  // SMTP transport) becomes a chunk of its own, loaded only when configured.
  await esbuild.build({
    entryPoints: [at('server', 'main.ts')],
    outdir: outDir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    external: SERVER_EXTERNALS,
    banner: { js: SERVER_BANNER },
    sourcemap: true,
    logLevel: 'warning',
  });
}

// initdb is most of the start-up of a new embedded data folder (seconds of WebAssembly); copying a folder
// made once at build time by the same PGlite and migrations takes a fraction of it.
async function buildDatabaseImage(outDir) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  mkdirSync(outDir, { recursive: true });
  const client = await PGlite.create({ dataDir: path.join(outDir, path.basename(PGLITE_IMAGE)) });
  try {
    await migrate(drizzle(client), { migrationsFolder: migrations });
    // PGlite only ever opens the 'postgres' database; the two template databases initdb made are half the
    // image's 1,200 files, and creating a file is what a copy costs (about 0.5 ms each on a busy disk).
    // Nothing runs CREATE DATABASE on an embedded folder, the one thing they are for.
    for (const template of ['template0', 'template1']) {
      await client.exec(`ALTER DATABASE ${template} IS_TEMPLATE false`);
      await client.exec(`DROP DATABASE ${template}`);
    }
  } finally {
    // A clean shutdown leaves a checkpointed folder that opens without recovery.
    await client.close();
  }
}

function ignoreRace(step) {
  try {
    step();
  } catch (error) {
    if (!['ENOENT', 'ENOTEMPTY', 'EEXIST'].includes(error.code)) throw error;
  }
}

/**
 * Builds a target when its sources changed since the last build (or always with `force`). It builds into
 * a fresh folder and swaps it in, so a running server or a concurrent test run never sees half a build.
 */
export async function buildIfStale(name, force = false) {
  if (!force && !isStale(name)) return { built: false };
  mkdirSync(dist, { recursive: true });
  const staging = path.join(dist, `.${name}-${process.pid}-${Date.now()}`);
  try {
    await targets[name].build(staging);
    writeFileSync(path.join(staging, '.built'), `${new Date().toISOString()}\n`);
    const retired = path.join(dist, `.${name}-old-${process.pid}-${Date.now()}`);
    ignoreRace(() => renameSync(targets[name].out, retired));
    // Another process may have swapped in its own equally fresh build meanwhile; then ours is dropped.
    ignoreRace(() => renameSync(staging, targets[name].out));
    rmSync(retired, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { built: true };
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const force = process.argv.includes('--force');
  for (const name of ['web', 'server', 'database']) {
    const { built } = await buildIfStale(name, force);
    const where = path.relative(repo, targets[name].out);
    process.stdout.write(built ? `${name}: built into ${where}\n` : `${name}: up to date\n`);
  }
}
