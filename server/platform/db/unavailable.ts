// SQL states of a connection that is gone or cannot be had: admin_shutdown, crash_shutdown,
// cannot_connect_now (starting up or shutting down), too_many_connections; class 08 is
// connection_exception.
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);
// The socket to the server failed or could not be opened.
const unavailableSystemCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres's own errors for a lost connection and for a pool that could not connect in time;
// they carry no code, and their messages are fixed texts without data.
const unavailableMessages = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^timeout exceeded when trying to connect$/,
];

// Deep enough for query error → driver error → socket error; a cycle of causes must not loop.
const MAX_CAUSES = 4;

/**
 * True when the error means the database cannot be reached right now (restart, failover, a
 * terminated backend, no connection in time), as opposed to a failed query: such a request may be
 * retried. Looks through wrapped causes, since a failed query wraps the driver's error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && current instanceof Error; depth++) {
    const { code, message } = current as Error & { code?: unknown };
    if (typeof code === 'string') {
      if (unavailableStates.has(code) || code.startsWith('08') || unavailableSystemCodes.has(code))
        return true;
    } else if (unavailableMessages.some((pattern) => pattern.test(message))) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
