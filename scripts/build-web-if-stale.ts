import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
/** Where `vite build` puts the web apps (vite.config.ts) and the server serves them from. */
export const WEB_DIST = path.join(repo, 'dist', 'web');
const STAMP = path.join(WEB_DIST, '.built');
// Anything whose change can change the build output.
const SOURCES = [
  path.join(repo, 'web'),
  path.join(repo, 'vite.config.ts'),
  path.join(repo, 'package-lock.json'),
  // Pure server modules the web app imports (the composer's live SMS segment counter).
  path.join(repo, 'server', 'channels', 'sms', 'segments.ts'),
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when dist/web is missing or older than any web source. */
export function webBuildIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

/**
 * Runs `vite build` when the sources changed (or always with `force`) since the last build. It builds into a fresh folder and then
 * swaps it in, so a server (or a concurrent test run) serving dist/web never sees a half-written build.
 */
export function buildWebIfStale(force = false): { built: boolean } {
  if (!force && !webBuildIsStale()) return { built: false };
  const staging = path.join(repo, 'dist', `.web-${process.pid}-${Date.now()}`);
  const vite = path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', staging, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: repo,
      stdio: 'inherit',
      // Vite follows NODE_ENV; under vitest it is "test", which would ship React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  }
  writeFileSync(path.join(staging, '.built'), `${new Date().toISOString()}\n`);
  const retired = path.join(repo, 'dist', `.web-old-${process.pid}-${Date.now()}`);
  ignoreRace(() => renameSync(WEB_DIST, retired));
  // Another process may have swapped in its own equally fresh build meanwhile; then ours is dropped.
  ignoreRace(() => renameSync(staging, WEB_DIST));
  rmSync(retired, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });
  return { built: true };
}

function ignoreRace(step: () => void): void {
  try {
    step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { built } = buildWebIfStale(process.argv.includes('--force'));
  process.stdout.write(built ? 'web app built into dist/web\n' : 'web app is up to date\n');
}
