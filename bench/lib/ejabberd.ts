import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// The ejabberd reference for S2: Debian's package, run as an instance of its own (own config, spool,
// logs, Erlang node and distribution port) so that it neither reads nor disturbs a system ejabberd,
// listening for clients on loopback only and archiving every message (mod_mam) to a fresh database
// on the PostgreSQL server Parley uses.

export const EJABBERD_HOST = 'bench.localhost';

export interface Ejabberd {
  /** The client-to-server port on 127.0.0.1. */
  port: number;
  version: string;
  stop(): Promise<void>;
}

const run = (file: string, args: string[], env?: NodeJS.ProcessEnv) =>
  execFileSync(file, args, { stdio: 'pipe', env: env ?? process.env }).toString();

function which(command: string): string | null {
  try {
    return run('sh', ['-c', `command -v ${command}`]).trim() || null;
  } catch {
    return null;
  }
}

// ejabberd talks to PostgreSQL through a driver Debian ships apart (the package only suggests it).
const PACKAGES = ['ejabberd', 'erlang-p1-pgsql'];

function installed(pkg: string): boolean {
  try {
    return run('dpkg-query', ['-s', pkg]).includes('Status: install ok installed');
  } catch {
    return false;
  }
}

/**
 * Installs what is missing of Debian's ejabberd and its PostgreSQL driver, when we are root. A system
 * ejabberd started by the package would listen on every interface and share the CPU with the bench,
 * so a temporary policy-rc.d (Debian's switch for "do not start services") keeps it stopped, unless
 * the machine already has one.
 */
function install(): string | null {
  const missing = PACKAGES.filter((p) => !installed(p));
  if (missing.length === 0) return null;
  if (process.getuid?.() !== 0 || !which('apt-get')) return `not installed: ${missing.join(', ')}`;
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    try {
      run('apt-get', ['install', '-y', '-q', ...missing], env);
    } catch {
      // A stale package index is the usual reason; refreshing it every time would be slow.
      run('apt-get', ['update', '-q'], env);
      run('apt-get', ['install', '-y', '-q', ...missing], env);
    }
    return null;
  } catch (error) {
    return `apt-get install ${missing.join(' ')} failed: ${String(error).slice(0, 200)}`;
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
}

/** Debian's PostgreSQL schema for ejabberd (the single-host one, as `new_sql_schema` is off). */
function pgSchema(): string | null {
  const candidates = ['/usr/share/ejabberd/sql/pg.sql'];
  for (const lib of ['/usr/lib', '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu']) {
    if (!existsSync(lib)) continue;
    for (const d of readdirSync(lib))
      if (d.startsWith('ejabberd')) candidates.push(path.join(lib, d, 'priv/sql/pg.sql'));
  }
  return candidates.find((f) => existsSync(f)) ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function config(port: number, db: URL, database: string): string {
  const q = (s: string) => JSON.stringify(s);
  return `# Written by bench/lib/ejabberd.ts for one S2 run.
hosts:
  - ${q(EJABBERD_HOST)}
loglevel: warning
log_rotate_count: 0
listen:
  -
    port: ${port}
    ip: "127.0.0.1"
    module: ejabberd_c2s
    max_stanza_size: 262144
    shaper: c2s_shaper
    access: c2s
# Plain passwords let SCRAM and PLAIN both work without TLS, which loopback does not need.
auth_method: sql
auth_password_format: plain
default_db: sql
sql_type: pgsql
sql_server: ${q(db.hostname || '127.0.0.1')}
sql_port: ${Number(db.port || 5432)}
sql_database: ${q(database)}
sql_username: ${q(decodeURIComponent(db.username || 'postgres'))}
sql_password: ${q(decodeURIComponent(db.password))}
access_rules:
  c2s:
    allow: all
api_permissions:
  "console commands":
    from:
      - ejabberd_ctl
    who: all
    what: "*"
# The default shaper lets a client send 3,000 bytes/s: the bench would measure the shaper.
shaper_rules:
  c2s_shaper: none
  max_user_sessions: 10
modules:
  mod_mam:
    db_type: sql
    default: always
`;
}

function ctlConfig(node: string, distPort: number): string {
  // A fixed distribution port keeps this node out of epmd, where a system ejabberd or another Erlang
  // node may be registered; like the c2s listener, it listens on loopback only.
  return `ERLANG_NODE=${node}
ERL_DIST_PORT=${distPort}
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0 -kernel inet_dist_use_interface {127,0,0,1}"
EJABBERD_BYPASS_WARNINGS=true
`;
}

async function waitForPort(port: number, child: ChildProcess, output: () => string, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ejabberd exited (${child.exitCode}): ${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (performance.now() > deadline) throw new Error(`ejabberd did not listen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts ejabberd with `users` accounts (u0, u1, … on EJABBERD_HOST, all with `password`), or says why
 * it cannot. `stop()` stops it, drops its database and removes its files, whatever happened before.
 */
export async function startEjabberd(
  databaseUrl: string | undefined,
  users: number,
  password: string,
): Promise<Ejabberd | { skipped: string }> {
  if (!databaseUrl) return { skipped: 'ejabberd archives to PostgreSQL: set DATABASE_URL' };
  const notInstalled = install();
  if (notInstalled) return { skipped: `ejabberd: ${notInstalled} (run the bench as root to install them)` };
  const ctl = which('ejabberdctl');
  if (!ctl) return { skipped: 'ejabberdctl is not on the PATH' };
  let ejabberdUser: { uid: number; gid: number } | null = null;
  try {
    ejabberdUser = { uid: Number(run('id', ['-u', 'ejabberd'])), gid: Number(run('id', ['-g', 'ejabberd'])) };
  } catch {}
  // Debian's ejabberdctl runs the node as the ejabberd user, and only root or that user may call it.
  if (process.getuid?.() !== 0 && os.userInfo().username !== 'ejabberd')
    return { skipped: 'ejabberdctl may only be run by root or the ejabberd user' };
  const schema = pgSchema();
  if (!schema) return { skipped: 'ejabberd’s PostgreSQL schema (pg.sql) was not found' };

  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-ejabberd-'));
  const spool = path.join(dir, 'spool');
  const logs = path.join(dir, 'logs');
  mkdirSync(spool);
  mkdirSync(logs);
  const database = `ejabberd_bench_${Date.now()}`;
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const dbUrl = new URL(databaseUrl);
  dbUrl.pathname = `/${database}`;
  const [port, distPort] = [await freePort(), await freePort()];
  const node = `ejabberd-bench-${process.pid}@localhost`;
  writeFileSync(path.join(dir, 'ejabberd.yml'), config(port, dbUrl, database));
  writeFileSync(path.join(dir, 'ejabberdctl.cfg'), ctlConfig(node, distPort));
  // ejabberdctl points Erlang's resolver at <config dir>/inetrc, and Erlang complains when it is absent.
  writeFileSync(path.join(dir, 'inetrc'), '{lookup, [file, native]}.\n');
  if (ejabberdUser && process.getuid?.() === 0)
    for (const f of ['', 'spool', 'logs', 'ejabberd.yml', 'ejabberdctl.cfg', 'inetrc'])
      chownSync(path.join(dir, f), ejabberdUser.uid, ejabberdUser.gid);
  const args = [
    '--config-dir',
    dir,
    '--config',
    path.join(dir, 'ejabberd.yml'),
    '--ctl-config',
    path.join(dir, 'ejabberdctl.cfg'),
    '--spool',
    spool,
    '--logs',
    logs,
  ];
  const ctlRun = (...command: string[]) => run(ctl, [...args, ...command]);

  let child: ChildProcess | undefined;
  let databaseCreated = false;
  // Should the bench exit without stop() (an uncaught error), the VM must not outlive it.
  const killGroup = () => {
    if (child?.pid && child.exitCode === null)
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
  };
  const stop = async () => {
    process.off('exit', killGroup);
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      try {
        ctlRun('stop');
      } catch {}
      const stopped = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
      // Its own process group: ejabberdctl, su and the Erlang VM go together.
      if (!stopped) killGroup();
    }
    if (databaseCreated)
      try {
        run('psql', [admin.toString(), '-qc', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]);
      } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('psql', [admin.toString(), '-qc', `CREATE DATABASE ${database}`]);
    databaseCreated = true;
    run('psql', [dbUrl.toString(), '-q', '-v', 'ON_ERROR_STOP=1', '-f', schema]);
    let output = '';
    child = spawn(ctl, [...args, 'foreground'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    process.once('exit', killGroup);
    const collect = (d: Buffer) => {
      output = (output + d).slice(-4000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await waitForPort(port, child, () => output);
    // One Erlang VM per call: a few at a time.
    for (let i = 0; i < users; i += 8)
      await Promise.all(
        Array.from({ length: Math.min(8, users - i) }, (_, k) =>
          register(ctl, [...args, 'register', `u${i + k}`, EJABBERD_HOST, password]),
        ),
      );
    const version = /ejabberd (\S+)/.exec(ctlRun('status'))?.[1] ?? 'unknown';
    return { port, version, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Registers one account. The c2s port opens before every worker of ejabberd's SQL pool has started, and a
 * register that reaches a worker not yet started fails before it writes anything: it is tried again, for
 * up to 30 s, and an account a failed attempt did create counts as registered.
 */
async function register(ctl: string, args: string[]): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      await runAsync(ctl, args);
      return;
    } catch (error) {
      if (/already registered/i.test(String(error))) return;
      if (Date.now() > until) throw error;
      await sleep(500);
    }
  }
}

function runAsync(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (d: Buffer) => {
      output += d;
    };
    p.stdout?.on('data', collect);
    p.stderr?.on('data', collect);
    p.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${file} ${args.at(-4)}: ${output}`)),
    );
  });
}
