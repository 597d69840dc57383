import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import type { Config } from '../config';
import type { Deps } from '../deps';
import type { Database } from '../platform/db/client';

/** Where a command writes: stdout for results (scripts read them), stderr for everything else. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** What a command runs against: the server's configuration and an open, migrated database. */
export interface CliContext extends CliIo {
  config: Config;
  database: Database;
  deps: Deps;
}

/** A bad command line; the message names the flag. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A runnable command: parse checks the flags before anything opens the database. */
export interface Command {
  name: string;
  /** The flags, as shown in the usage text. */
  synopsis: string;
  summary: string;
  /** Validates argv; returns the action, which answers the process exit code. Throws UsageError. */
  parse(argv: string[]): (ctx: CliContext) => Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command whose flags are read by node:util parseArgs and validated by a zod schema keyed by flag
 * name, so every complaint names the flag it is about.
 */
export function defineCommand<S extends z.ZodType>(spec: {
  name: string;
  synopsis: string;
  summary: string;
  options: Options;
  args: S;
  run(ctx: CliContext, args: z.output<S>): Promise<number>;
}): Command {
  return {
    name: spec.name,
    synopsis: spec.synopsis,
    summary: spec.summary,
    parse(argv) {
      const args = parseFlags(spec.options, spec.args, argv);
      return (ctx) => spec.run(ctx, args);
    },
  };
}

/** Parses and validates flags; throws UsageError naming the first bad flag. */
export function parseFlags<S extends z.ZodType>(options: Options, schema: S, argv: string[]): z.output<S> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // parseArgs explains unknown flags, missing values and stray words well; pass its words on.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const flag = String(issue?.path[0] ?? '');
  const message = flag && values[flag] === undefined ? 'is required' : (issue?.message ?? 'is invalid');
  throw new UsageError(flag ? `--${flag}: ${message}` : message);
}
