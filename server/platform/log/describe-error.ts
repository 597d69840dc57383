import { DrizzleQueryError } from 'drizzle-orm/errors';

/**
 * What a log line may say about an error. Never its message: a failed query's message carries the
 * SQL and its parameters (password and token hashes, e-mail addresses, phone numbers), a
 * PostgreSQL detail quotes the row, and a provider's message may echo what was sent.
 */
export interface ErrorDescription {
  /** The error's class, e.g. "DrizzleQueryError" or "DatabaseError". */
  type: string;
  /** The SQL state (e.g. "23505"), a system code (e.g. "ECONNRESET") or a provider's error code. */
  code?: string;
  /** The PostgreSQL constraint that was violated. */
  constraint?: string;
  /** The call frames only, without the first line of the stack, which repeats the message. */
  stack?: string;
  /** The error it wraps (a failed query wraps the driver's error), described the same way. */
  cause?: ErrorDescription;
}

// Deep enough for query error → driver error → socket error; a cycle of causes must not loop.
const MAX_CAUSES = 3;

// The frames after the message: a parameter in the message may hold lines that look like frames.
// When the message is not found in the stack (it was changed after the error was made), none.
function callFrames(error: Error): string | undefined {
  const at = error.stack?.indexOf(error.message) ?? -1;
  if (!error.stack || at < 0) return undefined;
  const frames = error.stack
    .slice(at + error.message.length)
    .split('\n')
    .filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.join('\n') : undefined;
}

/** Describes an error for a log line by its class, codes and call frames only (see ErrorDescription). */
export function describeError(error: unknown, depth = 0): ErrorDescription {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, constraint } = error as Error & { code?: unknown; constraint?: unknown };
  const stack = callFrames(error);
  return {
    // The class is the better name: node-postgres names its DatabaseError "error", drizzle leaves "Error".
    type: error.constructor.name !== 'Error' ? error.constructor.name : error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
    ...(stack ? { stack } : {}),
    ...(error.cause !== undefined && depth < MAX_CAUSES
      ? { cause: describeError(error.cause, depth + 1) }
      : {}),
  };
}

// A PostgreSQL SQL state: five digits or capital letters, e.g. "23505" or "57P01".
const SQL_STATE = /^[0-9A-Z]{5}$/;

/**
 * One line about an error for a person (the CLI's stderr): its message, except for an error from
 * the database, whose message may hold the query and its parameters; that one is named by class,
 * SQL state and constraint instead.
 */
export function describeErrorForPeople(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const chain: ErrorDescription[] = [];
  for (let d: ErrorDescription | undefined = describeError(error); d; d = d.cause) chain.push(d);
  const fromDatabase =
    error instanceof DrizzleQueryError || chain.some((d) => d.code && SQL_STATE.test(d.code));
  if (!fromDatabase) return error.message;
  const parts = chain.map((d) => [d.type, d.code, d.constraint].filter(Boolean).join(' '));
  return `database error (${parts.join(' < ')})`;
}
