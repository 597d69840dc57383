import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

/** What a finished child process left behind. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh folder under .tmp (ignored by git) for a data folder or other scratch files. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.resolve('.tmp', `${prefix}-`));
}

/**
 * The environment of a child Parley: only what is given, plus PATH and HOME, so the developer's or
 * CI's DATABASE_URL, PARLEY_MASTER_KEY and the like never leak into it.
 */
export function childEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ...env,
  };
}

/** Starts a TypeScript entry point (server/main.ts, server/cli.ts) under tsx in a child process. */
export function spawnTs(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: process.cwd(),
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs an entry point to completion and collects its output. */
export function runTs(entry: string, args: string[], env: Record<string, string>): Promise<Finished> {
  const child = spawnTs(entry, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A server started as its own process, with its output so far. */
export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves once the output matches, rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** SIGTERM, then waits for the exit (the server closes its database first). */
  stop(): Promise<number | null>;
}

/**
 * Starts server/main.ts under tsx with env, or with `compiled` the way `npm start` does: plain Node
 * running scripts/start.mjs, which runs the compiled server.
 */
export function startServerProcess(
  env: Record<string, string>,
  options: { compiled?: boolean } = {},
): ServerProcess {
  const child = options.compiled
    ? spawn(process.execPath, ['scripts/start.mjs'], {
        cwd: process.cwd(),
        env: childEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawnTs('server/main.ts', [], env);
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (d: Buffer) => {
    out += d;
    for (const w of waiters.splice(0)) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    output: () => out,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (m) return resolve(m);
          if (child.exitCode !== null) return reject(new Error(`server exited ${child.exitCode}:\n${out}`));
          waiters.push(check);
        };
        exited.then(() => {
          if (!out.match(pattern)) reject(new Error(`server exited ${child.exitCode}:\n${out}`));
        });
        check();
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
