import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

export const BENCH_PASSWORD = 'bench-password-123';

/** A Parley server process started for a benchmark. */
export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the "listening" log line. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts Parley as `npm start` does (scripts/start.mjs: the compiled server, built first when stale) in
 * its own process; the load generator stays in this one. Development mode, because production refuses
 * the SMS simulator and the development mailbox the benchmarks run against.
 */
export async function startServer(
  options: { port: number; dataDir?: string; env?: Record<string, string>; nodeArgs?: string[] } = {
    port: 18080,
  },
): Promise<BenchServer & { dataDir: string }> {
  // Another run's server on the port would answer the readiness poll below in this one's place.
  const taken = await fetch(`http://127.0.0.1:${options.port}/healthz`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${options.port} is taken: is another benchmark running?`);
  const dataDir = options.dataDir ?? mkdtempSync(path.resolve('.tmp', 'bench-data-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'scripts/start.mjs'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // The benchmarks text through the simulator, which production refuses; the server reads NODE_ENV
      // for nothing else, so development measures the same code.
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PARLEY_DEMO_PASSWORD: BENCH_PASSWORD,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (d: Buffer) => {
    output = (output + d).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  let stopping = false;
  child.once('exit', (code, signal) => {
    exited = true;
    // A server that dies under a scenario says why, instead of the next request's "fetch failed".
    if (!stopping) process.stderr.write(`server on ${options.port} exited (${code ?? signal}): ${output}\n`);
  });
  // Ready means answering HTTP: poll /healthz (the process logs at warn level only).
  for (;;) {
    if (exited) throw new Error(`server exited: ${output}`);
    const up = await fetch(`http://127.0.0.1:${options.port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const startMs = performance.now() - started;
  return {
    url: `http://127.0.0.1:${options.port}`,
    child,
    startMs,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Signs in and returns the cookie header and CSRF token. */
export async function signIn(url: string, email: string, password = BENCH_PASSWORD) {
  const login = () =>
    fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  // After a long pause (the dashboard's seed), fetch may reuse a kept-alive connection the server is
  // closing at that moment ("other side closed"); a sign-in changes nothing, so it is sent again.
  const res = await login().catch(login);
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}
