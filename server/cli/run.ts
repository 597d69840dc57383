import pino from 'pino';
import { closeDeps, createDeps, openDatabase } from '../bootstrap';
import { ConfigError, loadConfig } from '../config';
import type { Deps } from '../deps';
import type { Database } from '../platform/db/client';
import { Problem } from '../platform/http/problem';
import { describeErrorForPeople } from '../platform/log/describe-error';
import { type CliIo, type Command, UsageError } from './command';
import { createFirmCommand } from './create-firm';
import { createUserCommand } from './create-user';
import { migrateCommand } from './migrate';
import { rotateMasterKeyCommand } from './rotate-master-key';
import { verifyAuditCommand } from './verify-audit';

export const commands: Command[] = [
  createFirmCommand,
  createUserCommand,
  migrateCommand,
  rotateMasterKeyCommand,
  verifyAuditCommand,
];

/** The help text: every command with its flags. */
export function usage(): string {
  return [
    'Usage: npm run parley -- <command> [flags]',
    '',
    'Reads the same environment as the server (DATABASE_URL, PARLEY_MASTER_KEY, DATA_DIR …) and',
    'migrates the database before running. With the embedded database, stop the server first.',
    '',
    ...commands.flatMap((c) => [`  ${c.name} ${c.synopsis}`.trimEnd(), `      ${c.summary}`]),
    '',
    'Exit codes: 0 done, 1 failed (e.g. a broken audit chain), 2 bad command line, 78 bad configuration.',
    '',
  ].join('\n');
}

/** Runs one command line against the configured database; answers the process exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo) {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  let action: ReturnType<Command['parse']>;
  let config: ReturnType<typeof loadConfig>;
  try {
    action = command.parse(rest);
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(
        `${command.name}: ${error.message}\nUsage: npm run parley -- ${command.name} ${command.synopsis}\n`,
      );
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return 78;
    }
    throw error;
  }
  // Logs go to stderr so that stdout carries only the command's result.
  const log = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
  let database: Database | undefined;
  let deps: Deps | undefined;
  try {
    database = await openDatabase(config);
    await database.migrate();
    deps = await createDeps(config, database, log);
    return await action({ ...io, config, database, deps });
  } catch (error) {
    const message = error instanceof Problem ? (error.detail ?? error.title) : describeErrorForPeople(error);
    io.err(`${command.name} failed: ${message}\n`);
    return 1;
  } finally {
    if (deps) await closeDeps(deps);
    await database?.close();
  }
}
